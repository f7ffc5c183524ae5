"""Seed content for the assessments app: decision questions and fit statements."""

GUIDE_SLUG = "data-scientist-vs-machine-learning-engineer-2026"

# Positions run from -2 (strongly Data Scientist, role A) to +2 (strongly
# Machine Learning Engineer, role B); 0 is in between or hybrid.
QUESTIONS = [
    {
        "prompt": (
            "What would you rather your main output be: a recommendation that "
            "shapes a decision, or a system running in production?"
        ),
        "help_text": (
            "Think about the moment at the end of a piece of work that feels "
            "most satisfying to you. Is it people changing course because of "
            "your evidence, or something you built working for real users?"
        ),
        "weight": 2,
        "section": "Where the line falls",
        "options": [
            {
                "label": "A recommendation that changes what the business does",
                "position": -2,
            },
            {
                "label": "Mostly decisions, with the occasional model along the way",
                "position": -1,
            },
            {"label": "An even mix of the two", "position": 0},
            {"label": "Mostly production systems, with some analysis", "position": 1},
            {"label": "A system in production that people depend on", "position": 2},
        ],
    },
    {
        "prompt": (
            "Which kind of problem would you rather spend your days on: ambiguous "
            "questions from stakeholders, or the technical constraints of a system?"
        ),
        "help_text": (
            "Picture a week full of loosely worded requests from colleagues, then "
            "a week spent inside latency limits, pipelines and failure cases. "
            "Which one leaves you with more energy?"
        ),
        "weight": 2,
        "section": "Who each path fits",
        "options": [
            {
                "label": "Ambiguous stakeholder questions that need framing",
                "position": -2,
            },
            {
                "label": "Mostly stakeholder questions, with some technical constraints",
                "position": -1,
            },
            {"label": "I enjoy both about equally", "position": 0},
            {
                "label": "Mostly system constraints, with some stakeholder work",
                "position": 1,
            },
            {"label": "Hard technical constraints inside a system", "position": 2},
        ],
    },
    {
        "prompt": (
            "Which interview loop would you rather prepare for: SQL, statistics "
            "and product cases, or coding and ML system design?"
        ),
        "help_text": (
            "Preparation takes weeks, so it helps to choose the kind you would "
            "actually look forward to. Go with your honest preference rather "
            "than the one you think you should have."
        ),
        "weight": 1,
        "section": "How the interviews differ",
        "options": [
            {"label": "SQL, statistics and product cases", "position": -2},
            {
                "label": "Leaning towards SQL and cases, though coding is fine",
                "position": -1,
            },
            {"label": "No strong preference", "position": 0},
            {
                "label": "Leaning towards coding, though I can handle a product case",
                "position": 1,
            },
            {"label": "Coding and ML system design", "position": 2},
        ],
    },
    {
        "prompt": "Which set of skills do you want to keep compounding over the next five years?",
        "help_text": (
            "Both paths can be deeply technical, but in different ways. Choose the "
            "depth you would be happy to keep building long after the novelty wears off."
        ),
        "weight": 2,
        "section": "Career tradeoffs",
        "options": [
            {
                "label": "Statistical reasoning, causal inference and designing decisions",
                "position": -2,
            },
            {
                "label": "Mostly statistics and decisions, with some engineering",
                "position": -1,
            },
            {"label": "A balanced blend of both", "position": 0},
            {
                "label": "Mostly engineering, with some statistics and metrics",
                "position": 1,
            },
            {
                "label": "Software engineering, ML systems and operations",
                "position": 2,
            },
        ],
    },
    {
        "prompt": (
            "In the job market you are aiming at, where is demand strongest: data "
            "scientist roles, ML engineer roles, or hybrid applied-AI roles?"
        ),
        "help_text": (
            "Look at current openings in the places and industries you want to work "
            "in, and read the job descriptions rather than the titles. If you have "
            "not looked yet, choose the middle option."
        ),
        "weight": 1,
        "section": "Where the roles overlap",
        "options": [
            {"label": "Mostly data scientist roles", "position": -2},
            {"label": "More data science than ML engineering", "position": -1},
            {
                "label": "Mostly hybrid applied-AI roles, or I'm not sure yet",
                "position": 0,
            },
            {"label": "More ML engineering than data science", "position": 1},
            {"label": "Mostly ML engineer roles", "position": 2},
        ],
    },
]

FIT_STATEMENTS = [
    {
        "role": "data-scientist",
        "kind": "likes",
        "text": "Turning a messy question into a decision you can measure",
    },
    {
        "role": "data-scientist",
        "kind": "likes",
        "text": "Working with SQL, experiments, statistical reasoning and product metrics",
    },
    {
        "role": "data-scientist",
        "kind": "likes",
        "text": "Helping stakeholders make sense of uncertainty",
    },
    {
        "role": "data-scientist",
        "kind": "likes",
        "text": "Collaborating with people from several different functions",
    },
    {
        "role": "data-scientist",
        "kind": "likes",
        "text": "Spotting the straightforward piece of analysis that tips a decision",
    },
    {
        "role": "machine-learning-engineer",
        "kind": "likes",
        "text": "Writing code that runs in production",
    },
    {
        "role": "machine-learning-engineer",
        "kind": "likes",
        "text": "Tracking down problems with pipelines, latency, reliability and model behaviour",
    },
    {
        "role": "machine-learning-engineer",
        "kind": "likes",
        "text": "Building ranking, recommendation, NLP, computer vision or LLM systems",
    },
    {
        "role": "machine-learning-engineer",
        "kind": "likes",
        "text": "Looking after a system long after it has launched",
    },
    {
        "role": "machine-learning-engineer",
        "kind": "likes",
        "text": "Deepening your engineering and ML infrastructure skills",
    },
    {
        "role": "data-scientist",
        "kind": "dislikes",
        "text": "Long stretches of ambiguous questions from stakeholders",
    },
    {
        "role": "machine-learning-engineer",
        "kind": "dislikes",
        "text": "Operational ownership and the steady work of keeping code quality high",
    },
]
