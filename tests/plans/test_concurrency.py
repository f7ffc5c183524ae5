"""Concurrent writes through real, separate database connections."""

import threading

import pytest
from django.db import connection, connections

from plans import services
from plans.models import Milestone, Plan
from tests.factories import UserFactory, make_plan, plan_template

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
    ),
]


def run_together(jobs) -> list:
    """Run callables in threads released at the same moment; return outcomes."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except Exception as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, j)) for i, j in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_two_updates_of_one_milestone_never_silently_lose_one():
    plan = make_plan(UserFactory())
    milestone = plan.milestones.first()
    version = milestone.version

    def write(**changes):
        return lambda: services.update_milestone(
            milestone=milestone, version=version, **changes
        )

    outcomes = run_together([write(status="doing"), write(notes="from the other tab")])
    conflicts = [o for o in outcomes if isinstance(o, services.Conflict)]
    saved = [o for o in outcomes if isinstance(o, Milestone)]
    assert len(conflicts) == 1 and len(saved) == 1
    milestone.refresh_from_db()
    assert milestone.version == version + 1
    # Exactly the winning write is in the row, and the loser was told.
    assert (milestone.status == "doing") != (milestone.notes == "from the other tab")


def test_twenty_parallel_status_updates_leave_a_consistent_plan():
    plan = make_plan(UserFactory(), plan_template(efforts=[1] * 20), target_date=None)
    milestones = list(plan.milestones.all())
    outcomes = run_together(
        [
            (lambda m=m: services.update_milestone(
                milestone=m, version=m.version, status="done"))
            for m in milestones
        ]
    )  # fmt: skip
    assert all(isinstance(o, Milestone) for o in outcomes), outcomes
    assert Milestone.objects.filter(plan=plan, status="done").count() == 20
    plan.refresh_from_db()
    assert plan.status == Plan.Status.COMPLETED
