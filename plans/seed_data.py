"""Seed content for the plans app: switching-plan templates and their milestones."""

GUIDE_SLUG = "data-scientist-vs-machine-learning-engineer-2026"

TEMPLATES = [
    {
        "from_role": "data-scientist",
        "to_role": "machine-learning-engineer",
        "title": "From Data Scientist to Machine Learning Engineer",
        "summary": (
            "The most convincing route from data science into ML engineering runs "
            "through work that sits close to production. This plan helps you build "
            "proof that you can produce code others can maintain and put models into service rather than "
            "only analyse them, then prepares you for the MLE interview loop."
        ),
        "milestones": [
            {
                "title": "Strengthen your Python engineering",
                "description": (
                    "Move from notebook code to code other engineers would happily "
                    "maintain. Practise testing, packaging, building small APIs, type "
                    "hints and structured logging, and ask for code review on what you write."
                ),
                "kind": "skill",
                "effort_hours": 40,
                "suggested_evidence": (
                    "A public repository with tests, type hints, logging and continuous "
                    "integration, plus a reviewed pull request"
                ),
            },
            {
                "title": "Ship one ML project from end to end",
                "description": (
                    "Take a single model all the way: training, evaluation, serving "
                    "behind an API, monitoring once it is live, and documentation someone "
                    "else could follow. Depth on one project beats breadth across several."
                ),
                "kind": "project",
                "effort_hours": 60,
                "suggested_evidence": (
                    "A repository and short write-up covering training, evaluation, "
                    "serving and monitoring, with a running demo or recorded walkthrough"
                ),
            },
            {
                "title": "Learn data pipelines and orchestration",
                "description": (
                    "Build a pipeline that runs on a schedule without you. Cover batch "
                    "jobs, feature generation and data validation, and learn how an "
                    "orchestrator handles retries and dependencies."
                ),
                "kind": "pipeline",
                "effort_hours": 30,
                "suggested_evidence": (
                    "A scheduled pipeline with data validation checks and a short note "
                    "explaining its design"
                ),
            },
            {
                "title": "Productionise a model with engineers at work",
                "description": (
                    "Find a model or evaluation pipeline at your current job and offer "
                    "to help the engineering team take it into production. Working "
                    "alongside them shows you how real systems are built and gives you "
                    "a shipped result to point to."
                ),
                "kind": "collaboration",
                "effort_hours": 40,
                "suggested_evidence": (
                    "A merged pull request or launch note, and a short reference from an "
                    "engineer you worked with"
                ),
            },
            {
                "title": "Reframe your CV around shipped systems",
                "description": (
                    "Rewrite your CV so it leads with systems you helped ship, not "
                    "analyses you ran. Describe reliability, latency and business impact "
                    "wherever you can."
                ),
                "kind": "resume",
                "effort_hours": 8,
                "suggested_evidence": "An updated CV reviewed by an ML engineer or a hiring manager",
            },
            {
                "title": "Practise coding interviews",
                "description": (
                    "Work steadily through Python coding problems, including data "
                    "structures and algorithms. Aim for clear, tested solutions you can "
                    "explain while you write them."
                ),
                "kind": "interview",
                "effort_hours": 30,
                "suggested_evidence": "A log of problems solved, with notes on the patterns you found hard",
            },
            {
                "title": "Prepare for ML system design",
                "description": (
                    "Practise designing ML systems out loud: feature stores, batch or "
                    "real-time serving, training and serving skew, retraining, latency "
                    "and scale. Rehearse with a peer if you can."
                ),
                "kind": "interview",
                "effort_hours": 20,
                "suggested_evidence": "Two written design exercises, each with the tradeoffs you considered",
            },
            {
                "title": "Study production failure modes",
                "description": (
                    "Learn how ML systems go wrong once they are live: drift, bad data, "
                    "rising cost, slow responses and safety problems. Be ready to explain "
                    "how you would detect each one and roll back."
                ),
                "kind": "interview",
                "effort_hours": 12,
                "suggested_evidence": (
                    "A short runbook covering drift, rollback and monitoring for your "
                    "end-to-end project"
                ),
            },
        ],
    },
    {
        "from_role": "machine-learning-engineer",
        "to_role": "data-scientist",
        "title": "From Machine Learning Engineer to Data Scientist",
        "summary": (
            "Moving from ML engineering into data science is smoothest when you bring "
            "a background in model evaluation, experiments or product metrics. "
            "This plan helps you show judgment about decisions, not only skill with "
            "models, and prepares you for the data science interview loop."
        ),
        "milestones": [
            {
                "title": "Make SQL second nature",
                "description": (
                    "Practise SQL until you stop having to think about it: joins, window "
                    "functions, aggregations, cohorts and funnels. Speed and accuracy "
                    "both matter in interviews and on the job."
                ),
                "kind": "skill",
                "effort_hours": 30,
                "suggested_evidence": "A set of solved SQL exercises on a realistic product dataset",
            },
            {
                "title": "Learn experimentation and causal basics",
                "description": (
                    "Study how to design and read experiments, the basics of causal "
                    "inference, how to design good metrics and how to segment users. "
                    "Apply each idea to a product you know well."
                ),
                "kind": "skill",
                "effort_hours": 40,
                "suggested_evidence": (
                    "A written experiment plan with a metric definition, power "
                    "reasoning and a segmentation approach"
                ),
            },
            {
                "title": "Build decision case studies",
                "description": (
                    "Collect stories from your own work where an analysis led a "
                    "product or business team to decide differently. Write each one up as the question, "
                    "what you found and what changed as a result."
                ),
                "kind": "project",
                "effort_hours": 20,
                "suggested_evidence": "Two or three written case studies, a page each",
            },
            {
                "title": "Explain uncertainty to non-technical people",
                "description": (
                    "Practise presenting results with honest uncertainty to colleagues "
                    "who are not technical. Ask afterwards what they understood and "
                    "adjust how you explain it."
                ),
                "kind": "collaboration",
                "effort_hours": 12,
                "suggested_evidence": "A short presentation or memo and the feedback you received on it",
            },
            {
                "title": "Reframe your projects around decisions",
                "description": (
                    "Rewrite your CV and project descriptions so they lead with the "
                    "decisions your work informed. Keep the architecture, but make it "
                    "supporting detail."
                ),
                "kind": "resume",
                "effort_hours": 8,
                "suggested_evidence": "An updated CV reviewed by a data scientist or a hiring manager",
            },
            {
                "title": "Practise product sense",
                "description": (
                    "Work through questions about what a product should measure and "
                    "why a metric might move. Practise choosing a goal metric and the "
                    "guardrails around it."
                ),
                "kind": "interview",
                "effort_hours": 15,
                "suggested_evidence": "Written answers to several product-sense prompts",
            },
            {
                "title": "Work through analytics cases",
                "description": (
                    "Rehearse open-ended cases such as falling revenue or a sudden "
                    "change in one segment. Structure your approach before touching the data."
                ),
                "kind": "interview",
                "effort_hours": 20,
                "suggested_evidence": "A case log with your structure and conclusion for each case",
            },
            {
                "title": "Run communication drills",
                "description": (
                    "Practise summarising an analysis in a few minutes for a busy "
                    "stakeholder. Record yourself or rehearse with a peer and tighten "
                    "the message each time."
                ),
                "kind": "interview",
                "effort_hours": 10,
                "suggested_evidence": "A recorded practice summary and notes on what you improved",
            },
        ],
    },
]
