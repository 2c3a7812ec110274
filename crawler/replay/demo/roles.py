"""Phrase banks for the demo market's roles: titles, the work, duties and skills.

Each AI/ML role follows taxonomy.md's description of what the job is mainly about and
its typical titles, so the title alone names the role; `other` has several kinds of
non-ML work. Every sentence here was written for jobradar's demo.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RoleText:
    """What a posting for one kind of job can say."""

    slug: str  # taxonomy role
    titles: tuple[str, ...]  # level-free titles; a level word is put in front
    managers: tuple[str, ...]  # people-manager titles of this team
    domain: str  # "... years of experience {domain}"
    about: tuple[str, ...]  # sentences on the work
    duties: tuple[str, ...]
    skills: tuple[str, ...]
    pay_factor: float = 1.0  # relative to a typical ML engineer's base pay
    sales: bool = False  # pay is often stated as on-target earnings


ML_ROLES: tuple[RoleText, ...] = (
    RoleText(
        "ml-infrastructure",
        (
            "ML Infrastructure Engineer",
            "AI Infrastructure Engineer",
            "Training Infrastructure Engineer",
            "Distributed Training Engineer",
            "ML Performance Engineer",
            "Software Engineer, ML Infrastructure",
            "Research Infrastructure Engineer",
        ),
        ("Engineering Manager, ML Infrastructure", "Head of AI Infrastructure"),
        "building infrastructure for machine learning training or serving",
        (
            "You will own the systems our researchers use to launch, monitor and resume "
            "large training runs.",
            "The team builds the job launcher, the checkpointing layer and the data loaders "
            "that keep thousands of accelerators busy.",
            "Most weeks mix performance work on distributed training with making failures "
            "cheaper to recover from.",
            "You will profile training jobs end to end and remove the bottlenecks between "
            "storage, the network and the GPUs.",
            "Our training stack runs multi-node jobs every day, and you will make it faster "
            "and more predictable.",
        ),
        (
            "Design fault-tolerant checkpointing for multi-node training jobs",
            "Speed up data loading from object storage into training workers",
            "Build tooling that shows researchers where a training step spends its time",
            "Tune collective communication and parallelism settings for new model sizes",
            "Run capacity planning for the training fleet with the research leads",
            "Automate job scheduling, preemption and restarts across clusters",
            "Write clear design documents and review them with other teams",
        ),
        (
            "PyTorch",
            "Kubernetes",
            "Ray",
            "NCCL",
            "FSDP",
            "DeepSpeed",
            "Python",
            "Go",
            "Terraform",
            "S3",
            "Prometheus",
        ),
        1.05,
    ),
    RoleText(
        "ml-platform",
        (
            "ML Platform Engineer",
            "Machine Learning Platform Engineer",
            "AI Platform Engineer",
            "Feature Store Engineer",
            "Software Engineer, ML Platform",
        ),
        ("Engineering Manager, ML Platform", "Head of ML Platform"),
        "building internal platforms for data scientists or ML engineers",
        (
            "You will build the internal platform our ML teams use to train, evaluate and "
            "register models.",
            "Our platform team treats data scientists as its customers: every feature ships "
            "with docs, defaults and a migration path.",
            "You will own the feature store and the model registry, from the APIs to the "
            "storage behind them.",
            "The work is product engineering for ML teams: short feedback loops, sensible "
            "defaults and paved roads.",
        ),
        (
            "Build self-service training and evaluation pipelines for modelling teams",
            "Run and extend the feature store used by every production model",
            "Own the model registry and experiment tracking services",
            "Interview internal users and turn their friction into a roadmap",
            "Write SDKs that make the right way the easy way",
            "Keep the platform's costs and quotas visible to every team",
        ),
        (
            "Python",
            "Kubernetes",
            "MLflow",
            "Kubeflow",
            "Feast",
            "Airflow",
            "Spark",
            "gRPC",
            "PostgreSQL",
            "Terraform",
        ),
        1.0,
    ),
    RoleText(
        "mlops",
        (
            "MLOps Engineer",
            "ML Ops Engineer",
            "LLMOps Engineer",
            "ML Deployment Engineer",
            "MLOps Infrastructure Engineer",
        ),
        ("MLOps Engineering Manager", "Head of MLOps"),
        "taking machine learning models to production",
        (
            "You will take models from a notebook to production and keep them healthy there.",
            "The team owns CI/CD for models: tests, packaging, staged rollouts and rollbacks.",
            "You will build monitoring that catches drift and data quality problems before "
            "customers do.",
            "Retraining is automated end to end, and you will make it more reliable and "
            "easier to audit.",
        ),
        (
            "Build CI/CD pipelines that test, package and deploy models",
            "Set up monitoring for drift, latency and prediction quality",
            "Automate retraining and safe rollouts with canary checks",
            "Keep model lineage and approvals auditable",
            "Help data scientists ship their first production model",
            "Reduce the time from a merged change to a deployed model",
        ),
        (
            "Python",
            "Docker",
            "Kubernetes",
            "MLflow",
            "GitHub Actions",
            "Argo",
            "Prometheus",
            "Grafana",
            "SageMaker",
            "Evidently",
        ),
        0.97,
    ),
    RoleText(
        "model-serving",
        (
            "Inference Engineer",
            "Model Serving Engineer",
            "Inference Engineer, LLM Serving",
            "ML Inference Optimization Engineer",
            "Software Engineer, Inference",
            "Inference Platform Engineer",
        ),
        ("Engineering Manager, Inference", "Head of Inference"),
        "serving machine learning models in production",
        (
            "You will make our models answer faster and cheaper, one request at a time and "
            "a million at once.",
            "The inference team runs the servers behind every API call: batching, caching, "
            "scheduling and autoscaling.",
            "You will work on quantisation, compilation and kernel choices that cut latency "
            "without hurting quality.",
            "Our LLM serving stack handles long contexts and bursty traffic, and you will "
            "keep its tail latency low.",
        ),
        (
            "Improve throughput of our LLM serving stack with continuous batching",
            "Benchmark quantised models and ship the ones that hold quality",
            "Own autoscaling of inference replicas across regions",
            "Build load tests that reproduce real traffic patterns",
            "Cut cold-start time for new model versions",
            "Work with researchers to make new architectures servable",
        ),
        (
            "vLLM",
            "TensorRT-LLM",
            "Triton Inference Server",
            "CUDA",
            "PyTorch",
            "Rust",
            "C++",
            "Kubernetes",
            "ONNX Runtime",
            "Python",
        ),
        1.08,
    ),
    RoleText(
        "gpu-cluster",
        (
            "GPU Cluster Engineer",
            "GPU Cluster Engineer (Slurm)",
            "HPC Engineer",
            "GPU Infrastructure Engineer",
            "CUDA Kernel Engineer",
            "Cluster Reliability Engineer, GPU Fleet",
            "AI Supercomputing Engineer",
        ),
        ("Engineering Manager, GPU Infrastructure", "Head of HPC"),
        "running GPU or HPC clusters",
        (
            "You will bring up and operate GPU clusters of several thousand accelerators.",
            "The team owns the scheduler, the high-speed interconnect and the health checks "
            "that keep bad nodes out of training jobs.",
            "You will chase down slow collectives, flaky links and thermal throttling, then "
            "automate the fix.",
            "Our fleet runs Slurm and Kubernetes side by side, and you will make both boring "
            "in the best sense.",
        ),
        (
            "Bring up new GPU clusters with the datacenter and network teams",
            "Operate Slurm and Kubernetes schedulers for GPU workloads",
            "Build node health checks that catch failing GPUs and links early",
            "Tune InfiniBand and RoCE settings for collective communication",
            "Profile CUDA kernels and fix the slow ones",
            "Keep firmware, drivers and images consistent across the fleet",
        ),
        (
            "Slurm",
            "Kubernetes",
            "CUDA",
            "NCCL",
            "InfiniBand",
            "Linux",
            "Ansible",
            "Python",
            "DCGM",
            "Bash",
        ),
        1.05,
    ),
    RoleText(
        "cloud-ml",
        (
            "Cloud ML Engineer",
            "ML Engineer (AWS SageMaker)",
            "Cloud AI Engineer",
            "AI Cloud Engineer (Vertex AI)",
        ),
        ("Cloud ML Engineering Manager",),
        "running machine learning on a public cloud",
        (
            "You will design how our ML workloads run on managed cloud services.",
            "The team moves training and batch scoring onto SageMaker and Vertex AI and keeps "
            "the bill in check.",
            "You will write the infrastructure code for secure, repeatable ML environments "
            "in the cloud.",
        ),
        (
            "Build training and inference pipelines on managed cloud ML services",
            "Write infrastructure as code for ML accounts, networks and permissions",
            "Set up cost reporting for training and endpoints",
            "Migrate legacy batch jobs to managed pipelines",
            "Advise product teams on cloud architecture for ML features",
        ),
        (
            "AWS",
            "SageMaker",
            "Vertex AI",
            "Azure ML",
            "Bedrock",
            "Terraform",
            "Python",
            "Step Functions",
            "IAM",
        ),
        0.97,
    ),
    RoleText(
        "data-platform",
        (
            "Data Engineer",
            "Data Platform Engineer",
            "Data Infrastructure Engineer",
            "Analytics Engineer",
            "Big Data Engineer (Spark)",
        ),
        ("Data Engineering Manager", "Head of Data Platform"),
        "building data pipelines or data platforms",
        (
            "You will build the pipelines that turn raw events into tables people trust.",
            "The data platform team runs our lakehouse, our streaming ingestion and the "
            "orchestration around them.",
            "You will model data for analytics and make every important table tested, "
            "documented and on time.",
            "Our warehouse feeds dashboards, experiments and model training, so freshness "
            "and correctness both matter.",
        ),
        (
            "Build batch and streaming pipelines into the lakehouse",
            "Model core business data with dbt and keep it tested",
            "Run Airflow and keep late or failed jobs rare",
            "Improve data quality checks and alerting",
            "Tune Spark jobs and warehouse costs",
            "Document datasets so analysts can find and trust them",
        ),
        (
            "SQL",
            "Python",
            "dbt",
            "Airflow",
            "Spark",
            "Kafka",
            "Snowflake",
            "BigQuery",
            "Delta Lake",
            "Flink",
        ),
        0.9,
    ),
    RoleText(
        "edge-ai",
        (
            "Edge AI Engineer",
            "On-device ML Engineer",
            "Embedded ML Engineer",
            "Edge Infrastructure Engineer",
        ),
        ("Engineering Manager, Edge AI",),
        "running machine learning on devices",
        (
            "You will get our models running well on phones, cameras and small boards.",
            "The edge team shrinks models, compiles them for each chip and ships them to a "
            "fleet of devices in the field.",
            "You will balance accuracy, memory and battery life on hardware with very little "
            "of any of them.",
        ),
        (
            "Quantise and compile models for mobile and embedded targets",
            "Build the pipeline that ships model updates to the device fleet",
            "Profile on-device inference and remove hot spots",
            "Work with hardware partners on accelerator support",
            "Monitor model quality across device types",
        ),
        (
            "TensorFlow Lite",
            "ONNX Runtime",
            "Core ML",
            "C++",
            "Python",
            "ARM",
            "Jetson",
            "TensorRT",
        ),
        1.0,
    ),
    RoleText(
        "ai-architect",
        (
            "AI Architect",
            "AI Infrastructure Architect",
            "ML Solutions Architect",
            "GenAI Solutions Architect",
        ),
        ("Head of AI Architecture",),
        "designing AI systems for customers or across an organisation",
        (
            "You will design AI systems with our largest customers, from the first whiteboard "
            "session to production.",
            "The role sits between engineering and customers: reference architectures, design "
            "reviews and hard trade-offs.",
            "You will set the blueprint for how teams across the company build and run AI "
            "workloads.",
        ),
        (
            "Lead architecture reviews for AI workloads",
            "Write reference designs for retrieval, training and serving",
            "Guide customers through capacity, security and cost trade-offs",
            "Turn field lessons into product requirements",
            "Mentor engineers on system design",
        ),
        (
            "AWS",
            "Azure",
            "GCP",
            "Kubernetes",
            "LangChain",
            "PyTorch",
            "Terraform",
            "vector databases",
        ),
        1.08,
    ),
    RoleText(
        "ai-security",
        (
            "AI Security Engineer",
            "ML Security Engineer",
            "AI Red Team Engineer",
            "Adversarial ML Engineer",
        ),
        ("Head of AI Security",),
        "in security, ideally with machine learning systems",
        (
            "You will attack our own models before anyone else does and fix what you find.",
            "The team works on prompt injection, data poisoning, model theft and the "
            "controls that stop them.",
            "You will build evaluations for model security and make them part of every release.",
        ),
        (
            "Run red-team exercises against models and agent tools",
            "Build automated tests for jailbreaks and prompt injection",
            "Threat-model new ML features with product teams",
            "Harden training data pipelines against poisoning",
            "Help the company meet AI compliance requirements",
        ),
        (
            "Python",
            "PyTorch",
            "threat modelling",
            "OWASP",
            "adversarial ML",
            "Kubernetes",
            "SIEM",
        ),
        1.05,
    ),
    RoleText(
        "ml-engineer",
        (
            "Machine Learning Engineer",
            "ML Engineer",
            "Applied ML Engineer",
            "Computer Vision Engineer",
            "NLP Engineer",
            "Deep Learning Engineer",
            "ML Engineer, Recommendations",
        ),
        ("Machine Learning Engineering Manager", "Head of Machine Learning"),
        "training and shipping machine learning models",
        (
            "You will train models that ship inside our product and measure whether they help.",
            "The team owns ranking, classification and detection models from data to deployment.",
            "You will run experiments, read the errors by hand, and ship the model that wins.",
            "Our models run in production for every customer, so offline metrics are only "
            "half the story.",
        ),
        (
            "Train and evaluate models for core product features",
            "Build datasets and labelling guidelines with the product team",
            "Ship models behind feature flags and run online experiments",
            "Analyse failure cases and turn them into the next improvement",
            "Keep training code clean enough for others to build on",
        ),
        (
            "Python",
            "PyTorch",
            "scikit-learn",
            "pandas",
            "SQL",
            "Hugging Face",
            "Docker",
            "XGBoost",
            "OpenCV",
        ),
        1.0,
    ),
    RoleText(
        "ai-engineer",
        (
            "AI Engineer",
            "LLM Engineer",
            "GenAI Engineer",
            "Applied AI Engineer",
            "AI Engineer, Agents",
        ),
        ("Engineering Manager, Applied AI", "Head of Applied AI"),
        "building products on large language models",
        (
            "You will build product features on top of large language models, from prompt to "
            "production.",
            "The team works on retrieval, agents and evaluation pipelines that tell us whether "
            "a change helped.",
            "You will ship LLM features quickly and then make them reliable, measurable and "
            "affordable.",
        ),
        (
            "Build retrieval-augmented generation over customer documents",
            "Design agent workflows with tool calling and guardrails",
            "Write evaluation suites that catch regressions before release",
            "Tune prompts, context windows and caching for cost and latency",
            "Work with designers on how AI features behave when they are wrong",
        ),
        (
            "Python",
            "TypeScript",
            "LangChain",
            "LlamaIndex",
            "pgvector",
            "OpenAI API",
            "FastAPI",
            "RAG",
        ),
        0.98,
    ),
    RoleText(
        "data-scientist",
        (
            "Data Scientist",
            "Decision Scientist",
            "Data Analyst",
            "Product Data Scientist",
        ),
        ("Data Science Manager", "Head of Data Science"),
        "in data science or analytics",
        (
            "You will help the company decide with data: sizing opportunities, designing "
            "experiments and explaining results.",
            "The team runs A/B tests, builds forecasts and answers the questions leadership "
            "actually asks.",
            "You will turn messy product data into clear recommendations and defend them.",
        ),
        (
            "Design and analyse A/B tests with product managers",
            "Build forecasts for demand and revenue planning",
            "Define metrics and keep their definitions consistent",
            "Write analyses that end in a recommendation",
            "Build dashboards people actually open",
        ),
        ("SQL", "Python", "R", "statistics", "Looker", "dbt", "pandas", "causal inference"),
        0.88,
    ),
    RoleText(
        "research-scientist",
        (
            "Research Scientist",
            "Research Scientist, Pretraining",
            "Applied Scientist",
            "ML Research Scientist",
            "Research Engineer, Modelling",
        ),
        ("Research Manager, Foundation Models",),
        "in machine learning research",
        (
            "You will research new model architectures and training recipes and publish "
            "what you learn.",
            "The team studies scaling behaviour, data mixtures and post-training methods for "
            "foundation models.",
            "You will design experiments carefully, run them at scale and write them up for "
            "the wider community.",
        ),
        (
            "Propose and test new training objectives and architectures",
            "Run ablations on data mixtures and scaling",
            "Publish at leading ML conferences",
            "Turn promising results into recipes the product can use",
            "Mentor research engineers and interns",
        ),
        ("PyTorch", "JAX", "Python", "transformers", "reinforcement learning", "CUDA"),
        1.15,
    ),
)


OTHER_ROLES: tuple[RoleText, ...] = (
    RoleText(
        "other",
        ("Site Reliability Engineer", "Production Engineer", "DevOps Engineer"),
        ("Engineering Manager, Site Reliability",),
        "running production web services",
        (
            "You will keep our customer-facing web services fast and available.",
            "The reliability team owns on-call tooling, incident reviews and the deploy "
            "pipeline for the main application.",
        ),
        (
            "Improve alerting and shorten incident response",
            "Automate deploys and rollbacks for the main API",
            "Run game days and write blameless reviews",
            "Reduce cloud spend for web workloads",
        ),
        ("Linux", "Terraform", "Kubernetes", "PostgreSQL", "Go", "Datadog"),
        0.9,
    ),
    RoleText(
        "other",
        ("Frontend Engineer", "Software Engineer, Frontend", "Full Stack Engineer"),
        ("Engineering Manager, Frontend",),
        "building web applications",
        (
            "You will build the web app our customers use every day.",
            "The team cares about accessible, quick interfaces and a tidy component library.",
        ),
        (
            "Build product features in React and TypeScript",
            "Improve page load times and accessibility",
            "Maintain our design-system components",
            "Pair with designers on new flows",
        ),
        ("TypeScript", "React", "Next.js", "CSS", "GraphQL", "Playwright"),
        0.88,
    ),
    RoleText(
        "other",
        ("Backend Engineer", "Software Engineer, Payments", "Software Engineer, Billing"),
        ("Engineering Manager, Payments",),
        "building backend services",
        (
            "You will build the services behind billing, accounts and payments.",
            "The team writes careful, well-tested code where mistakes cost real money.",
        ),
        (
            "Design APIs for billing and invoicing",
            "Keep payment flows correct and observable",
            "Migrate old services to the new event bus",
            "Review code and mentor newer engineers",
        ),
        ("Go", "Python", "PostgreSQL", "Kafka", "gRPC", "AWS"),
        0.92,
    ),
    RoleText(
        "other",
        ("Product Designer", "UX Designer", "Product Designer, Growth"),
        ("Head of Design", "Design Manager"),
        "in product design",
        (
            "You will design how people discover, learn and love our product.",
            "The design team works from research to polished interface, in close pairing "
            "with engineers.",
        ),
        (
            "Run user interviews and usability tests",
            "Design flows from sketch to final UI",
            "Extend the design system",
            "Present work and take critique well",
        ),
        ("Figma", "prototyping", "user research", "design systems", "accessibility"),
        0.8,
    ),
    RoleText(
        "other",
        ("Account Executive", "Enterprise Account Executive", "Account Executive, Mid-Market"),
        ("Sales Manager, North America",),
        "in B2B software sales",
        (
            "You will own the full sales cycle with technical buyers, from first call to "
            "signed contract.",
            "The sales team sells to engineering leaders who expect substance, not scripts.",
        ),
        (
            "Build and work a pipeline of new accounts",
            "Run discovery calls and product demos with solutions engineers",
            "Negotiate contracts and close deals",
            "Keep the CRM accurate and forecasts honest",
        ),
        ("Salesforce", "MEDDICC", "negotiation", "forecasting", "Gong"),
        0.7,
        sales=True,
    ),
    RoleText(
        "other",
        ("Technical Recruiter", "Recruiter, Engineering", "Talent Partner"),
        ("Head of Talent",),
        "in technical recruiting",
        (
            "You will find and hire the engineers who will build the next version of the company.",
            "The talent team runs a fair, quick hiring process that candidates remember well.",
        ),
        (
            "Source candidates for engineering roles",
            "Run interview loops with hiring managers",
            "Close offers and keep candidates informed",
            "Improve our hiring data and process",
        ),
        ("Greenhouse", "Ashby", "sourcing", "employer branding", "LinkedIn Recruiter"),
        0.72,
    ),
    RoleText(
        "other",
        ("Customer Success Manager", "Technical Account Manager", "Support Engineer"),
        ("Head of Customer Success",),
        "in customer success or support",
        (
            "You will make sure our customers get real value from the product after they sign.",
            "The team handles onboarding, renewals and the trickiest support questions.",
        ),
        (
            "Onboard new customers and plan their rollout",
            "Run regular reviews with key accounts",
            "Turn customer feedback into clear product requests",
            "Resolve escalated support tickets",
        ),
        ("Zendesk", "Salesforce", "SQL", "customer onboarding", "Gainsight"),
        0.72,
    ),
    RoleText(
        "other",
        ("Product Marketing Manager", "Content Marketing Manager", "Developer Advocate"),
        ("Head of Marketing",),
        "in B2B marketing",
        (
            "You will explain what we build to the people who need it, in their own words.",
            "The marketing team writes launches, guides and stories for a technical audience.",
        ),
        (
            "Write launch plans and messaging for new features",
            "Publish guides and case studies",
            "Work with sales on positioning",
            "Measure what content brings in customers",
        ),
        ("copywriting", "HubSpot", "positioning", "analytics", "Webflow"),
        0.78,
    ),
)

# How often each role appears among listings (the `other` kinds share 24 %).
ROLE_WEIGHTS: dict[str, float] = {
    "ml-engineer": 10,
    "ml-infrastructure": 9,
    "mlops": 8,
    "ai-engineer": 8,
    "data-platform": 8,
    "model-serving": 7,
    "ml-platform": 6,
    "gpu-cluster": 5,
    "data-scientist": 5,
    "research-scientist": 4,
    "cloud-ml": 2.5,
    "ai-architect": 2,
    "edge-ai": 2,
    "ai-security": 2,
    "other": 24,
}
