"""Seed content for the guides app: roles and role-comparison guides."""

import datetime as dt

MAIN_GUIDE_SLUG = "data-scientist-vs-machine-learning-engineer-2026"

ROLES = [
    {
        "slug": "data-scientist",
        "name": "Data Scientist",
        "summary": (
            "Works from data to decisions: frames questions, designs metrics and "
            "experiments, and builds models that inform what a team does next."
        ),
    },
    {
        "slug": "machine-learning-engineer",
        "name": "Machine Learning Engineer",
        "summary": (
            "Builds and runs the pipelines and services that put machine learning "
            "models into products and keep them dependable."
        ),
    },
    {
        "slug": "ai-engineer",
        "name": "AI Engineer",
        "summary": (
            "Builds product features on top of AI models, from prompts and "
            "retrieval to evaluation and the user experience around them."
        ),
    },
    {
        "slug": "data-analyst",
        "name": "Data Analyst",
        "summary": (
            "Keeps the business clear about its numbers through reporting, "
            "well-defined metrics and focused analysis."
        ),
    },
    {
        "slug": "staff-engineer",
        "name": "Staff Engineer",
        "summary": (
            "A senior individual contributor who leads the technical direction of "
            "an area spanning one or several teams."
        ),
    },
    {
        "slug": "principal-engineer",
        "name": "Principal Engineer",
        "summary": (
            "An individual contributor whose technical judgment shapes strategy "
            "across a whole organisation over several years."
        ),
    },
    {
        "slug": "product-designer",
        "name": "Product Designer",
        "summary": (
            "Decides how a product should work and feel, through research, "
            "interaction design and close work with engineers."
        ),
    },
    {
        "slug": "frontend-engineer",
        "name": "Frontend Engineer",
        "summary": (
            "Turns designs into interfaces people can use: fast, accessible and "
            "built to be maintained."
        ),
    },
]


MAIN_BODY = """\
## Where the line falls

In 2026 the gap between these two jobs is no longer a tidy split between analysis and modelling. Where one role ends and the other begins depends on the stage a company has reached, how far along it is with AI, the state of its data infrastructure, and whether a particular role leans towards decision science, product experimentation, model development or machine learning systems running in production.

As a rule of thumb, a data scientist takes untidy questions from the business or the product and works them into evidence that people can act on. A machine learning engineer takes models and makes them into product capabilities that hold up reliably at scale. So the real question is where you want your hours to go: shaping decisions, or shipping machine learning systems.

## Where the roles overlap

The boundary is porous. Plenty of data scientists build models, and plenty of machine learning engineers analyse experiments. In a small company, a single person often covers both jobs. In large, AI-native companies the separation is clearer, because running machine learning in production calls for specialist engineering and dedicated infrastructure.

## What data scientists do

Most data science roles in 2026 fall into one of four lanes. Knowing which lane a job sits in tells you more than its title will.

### Product analytics and experimentation

This lane is about deciding what success looks like, working out where a funnel leaks, running A/B tests, tracking retention and advising product teams on what to do next. You will meet it most often in consumer apps, marketplaces, SaaS businesses and fintech.

### Decision science and strategy

Here the work is forecasting, pricing, capacity planning, segmenting customers, causal analysis and supporting executives as they decide. These roles cluster in marketplaces, logistics and finance, and in companies where operations carry a lot of weight.

### Applied modelling

Typical projects include predicting churn, prototyping recommendations, modelling fraud risk, scoring leads and forecasting demand. Once a model earns its place, engineers may take it into production, or the data scientist may share ownership of it with them.

### AI evaluation and quality

This lane covers judging how good LLM outputs really are, assembling evaluation sets, digging into the ways a model fails and designing loops in which people review its output. It has grown fast, because AI products need careful measurement that goes well beyond an impressive demo.

### The working rhythm

A typical cycle runs like this: you sit down with a stakeholder, turn a loosely worded question into a metric or an analysis plan, pull the data, clean it, test your hypotheses, arrive at a recommendation and explain the tradeoffs behind it. Strong data scientists do more than churn out notebooks. They act as partners in the decision, and they can tell when a plain piece of analysis will serve better than an elaborate model.

## What machine learning engineers do

Machine learning engineers exist to make machine learning work inside real products. The job usually involves:

- building training pipelines and generating features;
- fine-tuning, evaluating or adapting models;
- serving models at a cost, latency and level of reliability the product can live with;
- watching for drift and keeping an eye on quality, bias and how fresh the data is;
- wiring what a model produces into the flow of the product;
- building systems for search, ranking, recommendation, retrieval, fraud, computer vision, NLP or LLMs;
- making inference and the infrastructure beneath it more efficient;
- helping researchers and data scientists carry their prototypes into production.

### LLM application work

In 2026 a large share of MLE roles involve building applications on large language models. That means retrieval-augmented generation, evaluation pipelines, managing prompts and their versions, embedding systems, safety filters and keeping costs in check.

None of this changes the nature of the job: it is engineering. A model that behaves nicely in a notebook is not ready for production if it falls over under real latency limits, real traffic, shifting data or the demands of monitoring.

## How the interviews differ

The two loops probe different abilities. A data science loop checks whether you can get from data to a sound decision: expect SQL, statistics and experiment design, product metrics, open-ended business cases, analysis in Python or R, and questions about how you explain what you found. A machine learning engineering loop checks whether you can build systems and keep them running: expect coding, ML fundamentals, ML system design, data pipelines, production judgment and, at times, depth in a specialist area. The topic lists set out what each loop usually covers.

A useful test is to notice which kind of preparation you look forward to. If you enjoy working through an ambiguous case and arguing for a business recommendation, the data science loop will probably come more easily. If you would rather talk through system design and the finer points of implementation, the MLE loop is likely to suit you better.

## Pay by level

The figures are rough ranges for US total compensation. From senior level upwards, machine learning engineers tend to earn more. People who can run ML in production and build AI infrastructure are hard to find, and the role sits nearer to engineering career ladders, which pay more towards the top.

That does not make data science a poorly paid path. Data scientists can do very well indeed, particularly in product, advertising, marketplace, quantitative, finance and experimentation roles, and in roles that inform decisions made by executives. The title on its own does not set your pay. What matters most is your level, the calibre of the company and whether your work connects to revenue, to risk or to an AI capability the company treats as strategic.

At startups, expect a lower base salary and equity whose eventual value is far less predictable. Outside the technology industry, a data scientist title can mean anything from a business intelligence analyst to someone leading advanced modelling work, while MLE roles are scarcer but lean harder on engineering. Read the job description rather than trusting the title.

## Career tradeoffs

### Data science

Data science suits you if you want to stay close to the decisions a product and a business make. Your standing grows as you pose more pointed questions, craft better metrics and shape how teams act. The reward is wide exposure to strategy. The risk is that your work gets less leverage than it deserves: when a company ignores analysis, or its data is unreliable, good work can go nowhere.

### Machine learning engineering

ML engineering suits you if shipping working systems is what motivates you. You pick up engineering skills that last, and the path can lead on to AI platform work, applied ML, infrastructure or technical leadership. The reward is a great deal of leverage and strong demand in the job market. The cost is carrying more of the weight for incidents, reliability, data pipelines, latency and everything else that makes production complicated.

### Two kinds of technical

People often describe data science as the less technical job and ML engineering as the more technical one. It is more accurate to say that they are technical in different ways. For a data scientist, depth means statistical reasoning, causal inference, data modelling and designing decisions. For an ML engineer, it means software engineering, systems, implementing ML and operating it. Either role can go very deep, and either can stay shallow when a company defines it badly.

## Who each path fits

Data science is likely to suit you if you enjoy:

- taking a messy question and turning it into a decision you can measure;
- SQL, experiments, statistical reasoning and product metrics;
- helping stakeholders make sense of uncertainty;
- working with people from several different functions;
- spotting the straightforward piece of analysis that tips a decision.

Machine learning engineering is likely to suit you if you enjoy:

- writing code that runs in production;
- tracking down problems with pipelines, latency, reliability and model behaviour;
- building ranking, recommendation, NLP, computer vision or LLM systems;
- looking after systems once they are live;
- growing your engineering and ML infrastructure skills.

Two warnings are worth taking seriously. If ambiguous requests from stakeholders wear you down, a pure data science role may leave you frustrated. If you have little patience for operational ownership or for keeping code quality high, ML engineering is likely to frustrate you.

## Switching from data science to ML engineering

The move that convinces hiring managers most readily runs through projects close to production. What you need to show is that you can write code others can maintain and put models into service, not only analyse them.

1. Build up your Python software engineering: testing, packaging, APIs, type hints, logging and code review.
2. Deliver one ML project from end to end, covering training, evaluation, serving, documentation and monitoring.
3. Get comfortable with data pipelines and orchestration: scheduling, batch jobs, data validation and feature generation.
4. At work, team up with engineers to take a model or an evaluation pipeline into production.
5. Rewrite your CV so it leads with systems you shipped, reliability, latency and business impact.

For interviews, add coding practice, ML system design and a working knowledge of how production systems fail.

## Switching from ML engineering to data science

This move is easiest if your background already includes model evaluation, experiments or product metrics. Your task is to prove you have judgment about decisions, not only skill with models.

1. Practise SQL until you no longer have to think about it.
2. Learn experimentation, the basics of causal inference, metric design and segmentation.
3. Gather examples from your own work where an analysis altered what a product or business team decided, and shape them into case studies.
4. Practise explaining uncertainty to people without a technical background.
5. Recast your projects around the decisions they informed rather than their architecture alone.

For interviews, add product sense, analytics cases and drills in communicating clearly.

## A decision framework

Put these five questions to yourself:

1. Should my main output be a recommendation that shapes a decision, or a system running in production?
2. Would I rather wrestle with ambiguous questions from stakeholders, or with the technical constraints of a system?
3. Which interview loop would I prefer to prepare for: SQL, statistics and product cases, or coding and ML system design?
4. Which set of skills do I want to keep compounding over the next five years?
5. In the market I am aiming at, is demand strongest for data scientists, for ML engineers, or for hybrid applied-AI roles?

In 2026 the strongest candidates tend to stand close to the boundary: data scientists who grasp what production demands, and ML engineers who are at home with experiments and metrics. Early in your career, choose the direction that fits the work you would like to be doing week in, week out. At senior level, pick the side where you can point to the strongest record of impact.
"""


MAIN_PAY_CAVEAT = (
    "Figures are rough ranges of total annual compensation in the US, drawn from "
    "well-funded tech companies and big technology employers. Real offers move "
    "with the company, the level, the location and what the equity turns out to "
    "be worth, and startups and employers outside tech can look quite different. "
    "Judge a role by its job description, not by its title."
)


AI_VS_MLE_BODY = """\
## Two centres of gravity

Both roles work with models, but they stand in different places. An AI engineer usually works at the product layer, turning existing AI models into features people use. A machine learning engineer usually works further down, building, training, evaluating and running the models and the data systems that feed them.

## What AI engineers do

AI engineers connect models to products. They design prompts and retrieval, decide how a feature should behave when the model is unsure or wrong, build evaluations around what users actually experience, and keep an eye on latency and cost in the product. They tend to work closely with product managers and designers, and they iterate quickly.

## What ML engineers do

ML engineers own the machinery behind the models: training pipelines, feature generation, evaluation, serving, monitoring for drift and the infrastructure that keeps inference efficient. Their work is judged on whether models stay reliable and accurate in production over time.

## How the interviews differ

AI engineering loops often focus on building a product feature with a model, designing retrieval and evaluation, and judging tradeoffs a user would notice. ML engineering loops lean more on coding, ML fundamentals, ML system design and data pipelines. Both expect solid software engineering.

## Switching between them

Moving from AI engineering towards ML engineering usually means deepening your grasp of ML fundamentals, training and evaluation, and data pipelines. Moving the other way means building product sense, getting comfortable with fast iteration and learning how people experience AI features. In either direction, a shipped project that shows the new skills carries more weight than a certificate.
"""


DS_VS_DA_BODY = """\
## The core difference

Data analysts and data scientists both help organisations understand themselves through data, but they own different problems. Analysts keep reporting, metrics and business clarity in good order. Data scientists take on the harder prediction, experimentation and modelling problems where the question itself is still unclear.

## What data analysts own

Analysts are often the people a business trusts for its numbers. They define and maintain metrics, build reporting that teams rely on, and answer focused questions quickly and clearly. The best analysts know the business deeply and can explain why a number moved, not just that it did.

## What data scientists own

Data scientists spend more of their time on questions without a ready-made answer: forecasting what will happen, designing and reading experiments, estimating causes rather than correlations, and building models that inform decisions. The work calls for more statistical depth and more comfort with ambiguity.

## Growth paths

Both roles can grow in several directions. Some analysts move towards data science by deepening their statistics and modelling; others become trusted advisers to business leaders or move into analytics leadership. Some data scientists go deeper into modelling and machine learning; others move towards decision science or management.

## How to choose

Title prestige is a poor guide. Ask instead where you would most like to stand: next to the decisions themselves, to the models behind them, or to leading the people who do both. Then read job descriptions carefully, because the same title can mean very different work from one company to the next.
"""


MODELING_VS_SYSTEMS_BODY = """\
## Two kinds of ownership

This guide looks at the long-term shape of each career rather than a single job. A data scientist is accountable for the quality of reasoning: whether an analysis or a model leads people to the right decision. An ML engineer is accountable for the behaviour of a running system: whether models serve predictions reliably, efficiently and safely.

## The modelling career

A career in data science builds quantitative judgment that the business relies on. Over time you become the person who knows which question matters, which metric can be trusted and when a simple analysis beats a sophisticated model. Seniority tends to bring broader influence over strategy and closer contact with leadership.

## The systems career

A career in ML engineering builds depth in software, infrastructure and operations. Over time you take ownership of inference, the platforms models run on and the uptime people expect. Seniority tends to bring larger systems, harder reliability problems and technical leadership across teams.

## Pay and leverage

In 2026 the ML engineering path usually pays more, especially at senior levels, because people who can run machine learning in production are hard to find. That gap is not universal: data scientists in roles tied closely to revenue, risk or major decisions can be rewarded very well. Level and company matter more than the title.

## Choosing for the long run

Think about what you want to be responsible for in five years. If the idea of being paged about a failing model service sounds like a fair price for building something lasting, the systems path may suit you. If you would rather be the person whose judgment shapes what the business does, the modelling path is the stronger fit.
"""


PRINCIPAL_VS_STAFF_BODY = """\
## Scope

Staff and principal engineers both lead without managing people, and both are judged on impact well beyond their own code. The main difference is reach. A staff engineer usually sets technical direction for an area covering one team or a group of teams. A principal engineer usually shapes technical strategy across a whole organisation, often over several years.

## What staff engineers do

Staff engineers turn ambiguous problems into clear technical plans, lead the design of significant systems, unblock teams and raise the standard of engineering around them. They are often the technical anchor for a product area and a trusted partner to its engineering manager.

## What principal engineers do

Principal engineers work on problems that cut across the organisation: long-range architecture, major platform bets, technical risk and the standards many teams follow. They spend much of their time influencing senior leaders and other senior engineers, and their output is often decisions and direction rather than code.

## Promotion signals

Moving from staff to principal is rarely about doing more of the same. The signals people look for include impact that spans organisations, a record of technical bets that paid off, the ability to make hard tradeoffs visible to leadership, and growing other senior engineers. Principal roles are fewer, so the opportunity often has to exist before the promotion can.

## Which path fits

Staff suits people who want to stay close to a product area and to the code while leading its technical direction. Principal suits people who enjoy organisation-wide problems, long time horizons and working through influence more than implementation.
"""


DESIGNER_VS_FRONTEND_BODY = """\
## Two halves of one experience

Product designers and frontend engineers work on the same thing from different sides. Designers decide how an experience should work and feel. Frontend engineers build that experience in the browser or the app, and keep it fast, accessible and maintainable.

## The designer's craft

Designers research what people need, shape flows and interactions, and test ideas before they are built. Their judgment covers usability, clarity and how a product feels as a whole. Good designers also understand constraints well enough to work as equal partners with engineers.

## The frontend engineer's craft

Frontend engineers build interfaces that work across devices and assistive technologies, perform well and stay easy to change. Their judgment covers architecture, performance, accessibility and reliability. The strongest frontend engineers care about the details of the experience as much as the code.

## Portfolios and interviews

Designers are usually hired on a portfolio that explains their process and decisions, followed by critique and collaboration exercises. Frontend engineers are usually assessed on coding, interface building and frontend architecture, with their shipped work as supporting evidence.

## AI tools and the long view

AI tools are changing both crafts, speeding up routine work in design and in code alike. The parts that age best are the ones tools find hard: for designers, judgment about what people need and why; for engineers, sound architecture, performance and accessibility. Neither craft is standing still, and both reward people who keep learning.

If you are torn, look at what you do when nobody is asking: sketching flows and questioning what users need, or opening the code to make something work properly. Choose the craft whose hardest problems you would enjoy solving for years.
"""


GUIDES = [
    {
        "slug": MAIN_GUIDE_SLUG,
        "title": "Data Scientist vs Machine Learning Engineer (2026): scope, interviews and pay",
        "summary": (
            "A clear side-by-side look at data science and machine learning "
            "engineering in 2026: what each role does day to day, how the "
            "interviews differ, pay by level, the tradeoffs, and how to switch "
            "in either direction."
        ),
        "meta_description": (
            "Data Scientist or ML Engineer in 2026? Compare daily work, "
            "interview loops, US pay by level, career tradeoffs and how to "
            "switch between the two."
        ),
        "role_a": "data-scientist",
        "role_b": "machine-learning-engineer",
        "tags": ["data", "machine learning", "ai", "salaries", "interviews"],
        "reviewed_on": dt.date(2026, 11, 1),
        "pay_as_of": dt.date(2026, 10, 1),
        "pay_caveat": MAIN_PAY_CAVEAT,
        "body": MAIN_BODY,
        "comparison": [
            {
                "dimension": "Core output",
                "a": "Insights, metrics, experiments, forecasts and models that inform decisions",
                "b": "ML features running in production, pipelines for training and inference, and systems that serve models",
            },
            {
                "dimension": "Primary stakeholders",
                "a": "Product, growth, operations, finance and executive teams",
                "b": "Engineering, ML research, product, platform and infrastructure teams",
            },
            {
                "dimension": "Daily work",
                "a": "SQL, analysis, experiments, dashboards, causal reasoning and conversations with stakeholders",
                "b": "Python, distributed systems, training models, deploying and monitoring them, and tuning performance",
            },
            {
                "dimension": "Success metric",
                "a": "Better decisions, with product or business impact you can measure",
                "b": "ML systems in production that are reliable and of high quality",
            },
            {
                "dimension": "Interview emphasis",
                "a": "Statistics, SQL, experimentation, product sense and communication",
                "b": "Coding, ML fundamentals, system design, MLOps and data pipelines",
            },
            {
                "dimension": "Best fit",
                "a": "People who enjoy ambiguity, open questions, metrics and telling a story with evidence",
                "b": "People who enjoy building, optimising, engineering depth and keeping models running well",
            },
        ],
        "salary_bands": [
            {
                "role": "data-scientist",
                "level": "entry",
                "low": 120000,
                "high": 180000,
                "open_ended": False,
                "scope_note": "Entry or early career",
            },
            {
                "role": "data-scientist",
                "level": "mid",
                "low": 150000,
                "high": 230000,
                "open_ended": False,
                "scope_note": "",
            },
            {
                "role": "data-scientist",
                "level": "senior",
                "low": 190000,
                "high": 320000,
                "open_ended": False,
                "scope_note": "",
            },
            {
                "role": "data-scientist",
                "level": "staff",
                "low": 260000,
                "high": 450000,
                "open_ended": False,
                "scope_note": "Staff or lead",
            },
            {
                "role": "data-scientist",
                "level": "principal",
                "low": 400000,
                "high": 800000,
                "open_ended": True,
                "scope_note": "Principal and above at top AI labs and FAANG-scale companies",
            },
            {
                "role": "machine-learning-engineer",
                "level": "entry",
                "low": 135000,
                "high": 200000,
                "open_ended": False,
                "scope_note": "Entry or early career",
            },
            {
                "role": "machine-learning-engineer",
                "level": "mid",
                "low": 170000,
                "high": 260000,
                "open_ended": False,
                "scope_note": "",
            },
            {
                "role": "machine-learning-engineer",
                "level": "senior",
                "low": 220000,
                "high": 380000,
                "open_ended": False,
                "scope_note": "",
            },
            {
                "role": "machine-learning-engineer",
                "level": "staff",
                "low": 320000,
                "high": 600000,
                "open_ended": True,
                "scope_note": "Staff or lead",
            },
            {
                "role": "machine-learning-engineer",
                "level": "principal",
                "low": 500000,
                "high": 1000000,
                "open_ended": True,
                "scope_note": "Rare, high-impact roles at top AI labs and FAANG-scale companies",
            },
        ],
        "interview_topics": [
            {
                "role": "data-scientist",
                "topic": "SQL",
                "detail": "Queries that use joins, window functions, aggregations, cohorts and funnel logic.",
            },
            {
                "role": "data-scientist",
                "topic": "Statistics and experiments",
                "detail": (
                    "Probability and statistics, experiment design, power, confidence, "
                    "bias and the basics of causal inference."
                ),
            },
            {
                "role": "data-scientist",
                "topic": "Product metrics",
                "detail": "Choosing the right metrics for a product or business problem and working out why they move.",
            },
            {
                "role": "data-scientist",
                "topic": "Case studies",
                "detail": (
                    "Open-ended scenarios such as falling revenue, retention that improves "
                    "while one segment churns, an imbalanced marketplace or a sudden rise in fraud."
                ),
            },
            {
                "role": "data-scientist",
                "topic": "Python or R",
                "detail": "Analysing data in Python or R, occasionally with a few light algorithm questions.",
            },
            {
                "role": "data-scientist",
                "topic": "Communication",
                "detail": "Explaining what you found, clearly and honestly, to stakeholders who are not technical.",
            },
            {
                "role": "machine-learning-engineer",
                "topic": "Coding",
                "detail": "Python, along with data structures and algorithms questions at many companies.",
            },
            {
                "role": "machine-learning-engineer",
                "topic": "ML fundamentals",
                "detail": (
                    "Loss functions, regularisation, the bias-variance tradeoff, embeddings, "
                    "classification, ranking and how to choose evaluation metrics."
                ),
            },
            {
                "role": "machine-learning-engineer",
                "topic": "ML system design",
                "detail": (
                    "Feature stores, skew between training and serving, batch or real-time "
                    "processing, monitoring, retraining, latency and scaling."
                ),
            },
            {
                "role": "machine-learning-engineer",
                "topic": "Data pipelines",
                "detail": "ETL, streaming, distributed processing and keeping data quality high.",
            },
            {
                "role": "machine-learning-engineer",
                "topic": "Production judgment",
                "detail": "Rolling back, handling model drift, A/B testing, and weighing cost, reliability and safety.",
            },
            {
                "role": "machine-learning-engineer",
                "topic": "Specialised depth",
                "detail": (
                    "At some companies, questions on deep learning, LLMs, recommendation "
                    "systems or a particular domain."
                ),
            },
        ],
        "related": [
            "ai-engineer-vs-machine-learning-engineer-2026",
            "data-scientist-vs-data-analyst-2026",
            "data-scientist-vs-ml-engineer-modeling-vs-systems",
            "principal-engineer-vs-staff-engineer-2026",
            "product-designer-vs-frontend-engineer-2026",
        ],
    },
    {
        "slug": "ai-engineer-vs-machine-learning-engineer-2026",
        "title": "AI Engineer vs Machine Learning Engineer (2026): scope, interviews and switching",
        "summary": (
            "AI engineers mostly ship product experiences powered by AI, while ML "
            "engineers mostly train, evaluate and run the models and data systems "
            "behind them. Here is how the scope, interviews and realistic switching "
            "paths compare in 2026."
        ),
        "meta_description": (
            "AI Engineer or ML Engineer in 2026? How product-facing AI work "
            "differs from building and running models, and how to move between them."
        ),
        "role_a": "ai-engineer",
        "role_b": "machine-learning-engineer",
        "tags": ["ai", "machine learning", "engineering", "interviews"],
        "reviewed_on": dt.date(2026, 11, 1),
        "pay_as_of": None,
        "pay_caveat": "",
        "body": AI_VS_MLE_BODY,
        "comparison": [
            {
                "dimension": "Core output",
                "a": "Product features and experiences built on AI models",
                "b": "Trained, evaluated models and the systems that serve them",
            },
            {
                "dimension": "Closest partners",
                "a": "Product managers, designers and application engineers",
                "b": "Researchers, data scientists, platform and infrastructure teams",
            },
            {
                "dimension": "Daily work",
                "a": "Prompts, retrieval, evaluation of user-facing behaviour, product integration",
                "b": "Training pipelines, feature generation, serving, monitoring and efficiency",
            },
            {
                "dimension": "Success looks like",
                "a": "AI features people use and trust",
                "b": "Models that stay accurate and dependable in production",
            },
            {
                "dimension": "Best fit",
                "a": "People who like fast iteration and product thinking",
                "b": "People who like ML depth and infrastructure",
            },
        ],
        "salary_bands": [],
        "interview_topics": [
            {
                "role": "ai-engineer",
                "topic": "Building with models",
                "detail": "Designing and coding a product feature that relies on an AI model.",
            },
            {
                "role": "ai-engineer",
                "topic": "Retrieval and evaluation",
                "detail": "Choosing how to ground a model in the right data and how to tell whether its answers are good.",
            },
            {
                "role": "ai-engineer",
                "topic": "Product judgment",
                "detail": "Weighing quality, latency and cost as a user would experience them.",
            },
            {
                "role": "machine-learning-engineer",
                "topic": "Coding",
                "detail": "General programming and problem solving, usually in Python.",
            },
            {
                "role": "machine-learning-engineer",
                "topic": "ML fundamentals",
                "detail": "How models learn, how they fail and how to evaluate them.",
            },
            {
                "role": "machine-learning-engineer",
                "topic": "ML system design",
                "detail": "Designing training, serving and monitoring for a model in production.",
            },
        ],
        "related": [
            MAIN_GUIDE_SLUG,
            "data-scientist-vs-ml-engineer-modeling-vs-systems",
            "product-designer-vs-frontend-engineer-2026",
        ],
    },
    {
        "slug": "data-scientist-vs-data-analyst-2026",
        "title": "Data Scientist vs Data Analyst (2026): scope, growth and pay",
        "summary": (
            "Data analysts look after reporting, metrics and making the business "
            "understandable; data scientists take on tougher prediction, "
            "experimentation and loosely defined modelling. The better choice rests "
            "on whether you want to sit nearest decisions, models or leadership."
        ),
        "meta_description": (
            "Data Scientist or Data Analyst in 2026? Compare scope, growth paths "
            "and the kind of work each role owns, and choose by fit, not prestige."
        ),
        "role_a": "data-scientist",
        "role_b": "data-analyst",
        "tags": ["data", "leadership"],
        "reviewed_on": dt.date(2026, 11, 1),
        "pay_as_of": None,
        "pay_caveat": "",
        "body": DS_VS_DA_BODY,
        "comparison": [
            {
                "dimension": "Core output",
                "a": "Forecasts, experiments and models that inform decisions",
                "b": "Reporting, trusted metrics and clear answers to business questions",
            },
            {
                "dimension": "Typical question",
                "a": "What will happen, and what caused it?",
                "b": "What happened, and where?",
            },
            {
                "dimension": "Core skills",
                "a": "Statistics, experimentation, modelling and SQL",
                "b": "SQL, data visualisation, metric definition and business knowledge",
            },
            {
                "dimension": "Comfort with ambiguity",
                "a": "High: the question is often still being defined",
                "b": "Moderate: questions are usually clearer and more frequent",
            },
            {
                "dimension": "Best fit",
                "a": "People drawn to hard, open-ended quantitative problems",
                "b": "People who enjoy clarity, pace and deep knowledge of the business",
            },
        ],
        "salary_bands": [],
        "interview_topics": [
            {
                "role": "data-scientist",
                "topic": "Statistics and experiments",
                "detail": "Designing experiments and reasoning carefully about uncertainty and cause.",
            },
            {
                "role": "data-scientist",
                "topic": "Modelling",
                "detail": "Choosing, building and evaluating a model for a business problem.",
            },
            {
                "role": "data-scientist",
                "topic": "Product cases",
                "detail": "Working through an open-ended product or business question out loud.",
            },
            {
                "role": "data-analyst",
                "topic": "SQL",
                "detail": "Writing accurate queries to answer business questions.",
            },
            {
                "role": "data-analyst",
                "topic": "Metrics and reporting",
                "detail": "Defining sound metrics and presenting them so they are easy to act on.",
            },
            {
                "role": "data-analyst",
                "topic": "Business communication",
                "detail": "Explaining what the numbers show to people without a data background.",
            },
        ],
        "related": [
            MAIN_GUIDE_SLUG,
            "data-scientist-vs-ml-engineer-modeling-vs-systems",
        ],
    },
    {
        "slug": "data-scientist-vs-ml-engineer-modeling-vs-systems",
        "title": "Data Scientist vs ML Engineer: modelling or systems as a career",
        "summary": (
            "A data scientist's job is to turn data into decisions and draw insight "
            "from models; an ML engineer's is to make models into products and "
            "systems people can rely on. Engineering tends to bring higher pay, yet "
            "which career suits you best hinges on what you want to own."
        ),
        "meta_description": (
            "Modelling or systems? How data science and ML engineering careers "
            "differ over the long run in ownership, leverage and pay."
        ),
        "role_a": "data-scientist",
        "role_b": "machine-learning-engineer",
        "tags": ["data", "machine learning", "engineering"],
        "reviewed_on": dt.date(2026, 11, 1),
        "pay_as_of": None,
        "pay_caveat": "",
        "body": MODELING_VS_SYSTEMS_BODY,
        "comparison": [
            {
                "dimension": "Accountable for",
                "a": "The quality of the reasoning behind a decision",
                "b": "The behaviour of a running system",
            },
            {
                "dimension": "Long-term depth",
                "a": "Statistics, causal inference and business judgment",
                "b": "Software, infrastructure and operations",
            },
            {
                "dimension": "Senior scope",
                "a": "Influence over strategy and leadership decisions",
                "b": "Larger systems and technical leadership across teams",
            },
            {
                "dimension": "Main risk",
                "a": "Good analysis that nobody acts on",
                "b": "Operational load from incidents and uptime",
            },
        ],
        "salary_bands": [],
        "interview_topics": [],
        "related": [
            MAIN_GUIDE_SLUG,
            "ai-engineer-vs-machine-learning-engineer-2026",
            "data-scientist-vs-data-analyst-2026",
        ],
    },
    {
        "slug": "principal-engineer-vs-staff-engineer-2026",
        "title": "Principal Engineer vs Staff Engineer (2026): scope, pay and promotion",
        "summary": (
            "Staff and principal engineers both lead without managing, but their "
            "reach differs. This guide sets out how scope, pay, the signals behind "
            "promotion and interview expectations compare, and when each path suits you."
        ),
        "meta_description": (
            "Principal or Staff Engineer? How scope, influence, promotion signals "
            "and interview expectations differ between the two senior IC levels."
        ),
        "role_a": "principal-engineer",
        "role_b": "staff-engineer",
        "tags": ["engineering", "leadership"],
        "reviewed_on": dt.date(2026, 11, 1),
        "pay_as_of": None,
        "pay_caveat": "",
        "body": PRINCIPAL_VS_STAFF_BODY,
        "comparison": [
            {
                "dimension": "Scope",
                "a": "A whole organisation or company",
                "b": "One team or a group of related teams",
            },
            {
                "dimension": "Time horizon",
                "a": "Several years",
                "b": "The coming quarters to a year or two",
            },
            {
                "dimension": "Main partners",
                "a": "Senior leaders and other senior engineers",
                "b": "Engineering managers, product leads and the teams in the area",
            },
            {
                "dimension": "Typical output",
                "a": "Technical strategy, standards and major architectural decisions",
                "b": "Designs for significant systems and plans that teams can deliver",
            },
            {
                "dimension": "Best fit",
                "a": "People who enjoy working through influence on broad problems",
                "b": "People who want to lead while staying close to a product area and its code",
            },
        ],
        "salary_bands": [],
        "interview_topics": [
            {
                "role": "principal-engineer",
                "topic": "Technical strategy",
                "detail": "Setting direction for problems that span many teams.",
            },
            {
                "role": "principal-engineer",
                "topic": "Track record",
                "detail": "Showing large-scale impact and the reasoning behind past technical bets.",
            },
            {
                "role": "principal-engineer",
                "topic": "Executive communication",
                "detail": "Making hard tradeoffs clear to senior leaders.",
            },
            {
                "role": "staff-engineer",
                "topic": "System design",
                "detail": "Designing a significant system in depth and defending its tradeoffs.",
            },
            {
                "role": "staff-engineer",
                "topic": "Leading through ambiguity",
                "detail": "Turning an unclear problem into a plan that teams can deliver.",
            },
            {
                "role": "staff-engineer",
                "topic": "Cross-team influence",
                "detail": "Examples of moving several teams towards a shared technical decision.",
            },
        ],
        "related": [
            MAIN_GUIDE_SLUG,
            "ai-engineer-vs-machine-learning-engineer-2026",
            "product-designer-vs-frontend-engineer-2026",
        ],
    },
    {
        "slug": "product-designer-vs-frontend-engineer-2026",
        "title": "Product Designer vs Frontend Engineer (2026): craft, scope and pay",
        "summary": (
            "Product designers decide how an experience should work and feel; "
            "frontend engineers build it so it is quick, accessible and easy to "
            "maintain. This comparison covers pay, portfolios, interviews, AI tools "
            "and which craft is likely to last better for different people."
        ),
        "meta_description": (
            "Product Designer or Frontend Engineer? Compare the two crafts, "
            "portfolios, interviews and how AI tools are changing each."
        ),
        "role_a": "product-designer",
        "role_b": "frontend-engineer",
        "tags": ["design", "engineering", "ai"],
        "reviewed_on": dt.date(2026, 11, 1),
        "pay_as_of": None,
        "pay_caveat": "",
        "body": DESIGNER_VS_FRONTEND_BODY,
        "comparison": [
            {
                "dimension": "Core output",
                "a": "Flows, interactions and prototypes that define the experience",
                "b": "Working interfaces in the browser or app",
            },
            {
                "dimension": "Quality bar",
                "a": "Usable, clear and coherent as a whole",
                "b": "Fast, accessible, reliable and maintainable",
            },
            {
                "dimension": "How you are hired",
                "a": "A portfolio that explains your process and decisions",
                "b": "Coding and frontend architecture exercises, backed by shipped work",
            },
            {
                "dimension": "Closest partners",
                "a": "Product managers, researchers and engineers",
                "b": "Designers, backend engineers and product managers",
            },
            {
                "dimension": "Best fit",
                "a": "People who love understanding users and shaping ideas",
                "b": "People who love building interfaces and getting the details right in code",
            },
        ],
        "salary_bands": [],
        "interview_topics": [
            {
                "role": "product-designer",
                "topic": "Portfolio review",
                "detail": "Walking through past work and the reasoning behind your decisions.",
            },
            {
                "role": "product-designer",
                "topic": "Design exercise",
                "detail": "Shaping a solution to a product problem and explaining the tradeoffs.",
            },
            {
                "role": "product-designer",
                "topic": "Collaboration",
                "detail": "Giving and receiving critique and working with engineers on constraints.",
            },
            {
                "role": "frontend-engineer",
                "topic": "Coding",
                "detail": "Building a small interface or component that works and is accessible.",
            },
            {
                "role": "frontend-engineer",
                "topic": "Frontend architecture",
                "detail": "Structuring state, components and data flow in a larger application.",
            },
            {
                "role": "frontend-engineer",
                "topic": "Performance and accessibility",
                "detail": "Finding and fixing what makes an interface slow or hard to use.",
            },
        ],
        "related": [
            MAIN_GUIDE_SLUG,
            "ai-engineer-vs-machine-learning-engineer-2026",
            "principal-engineer-vs-staff-engineer-2026",
        ],
    },
]
