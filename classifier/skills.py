"""A curated vocabulary of AI-infrastructure skills, with aliases, and its extractor.

Matching is by whole words (and word sequences for multi-word names), so "Ray"
matches "Ray" and "ray", not "array"; a few names that are also common English
words are matched only in their written case (`_CASED`). Words are those of
`jobradar.classifier.words`, so "ci/cd" is the sequence "ci cd" and "scikit-learn" is "scikit learn".
"""

from __future__ import annotations

import functools
import re

from jobradar.classifier.text import EXTRACTOR_TEXT_CHARS
from jobradar.classifier.words import lowered, word_set, words

# canonical name → aliases (lower case; the canonical name is an alias of itself)
SKILLS: dict[str, tuple[str, ...]] = {
    # orchestration, cluster and HPC
    "Kubernetes": ("k8s", "kubernetes", "kubectl", "eks", "gke", "aks"),
    "Docker": ("docker", "dockerfile"),
    "Helm": ("helm",),
    "Slurm": ("slurm",),
    "Ray": ("ray", "ray.io", "anyscale"),
    "Kubeflow": ("kubeflow",),
    "KServe": ("kserve", "kfserving"),
    "Argo": ("argo", "argo workflows", "argocd", "argo cd"),
    "Nomad": ("nomad",),
    "InfiniBand": ("infiniband", "rdma", "roce"),
    "NCCL": ("nccl", "rccl"),
    "MPI": ("mpi", "openmpi", "horovod"),
    "Lustre": ("lustre", "gpfs", "weka"),
    # accelerators and performance
    "CUDA": ("cuda",),
    "Triton": ("triton", "triton inference server", "openai triton"),
    "TensorRT": ("tensorrt", "tensorrt-llm", "trt-llm"),
    "ROCm": ("rocm",),
    "TPU": ("tpu", "tpus"),
    "GPU": ("gpu", "gpus"),
    "XLA": ("xla",),
    "JAX": ("jax",),
    "CUTLASS": ("cutlass", "cudnn", "cublas"),
    "OpenCL": ("opencl",),
    "FPGA": ("fpga", "fpgas"),
    # model serving and LLM tooling
    "vLLM": ("vllm",),
    "SGLang": ("sglang",),
    "TGI": ("tgi", "text-generation-inference"),
    "ONNX": ("onnx", "onnx runtime", "onnxruntime"),
    "TorchServe": ("torchserve",),
    "BentoML": ("bentoml",),
    "Seldon": ("seldon",),
    "llama.cpp": ("llama.cpp", "ggml", "gguf"),
    "DeepSpeed": ("deepspeed",),
    "Megatron": ("megatron", "megatron-lm"),
    "FSDP": ("fsdp",),
    "LangChain": ("langchain", "langgraph"),
    "LlamaIndex": ("llamaindex", "llama index", "llama_index"),
    "Hugging Face": ("hugging face", "huggingface", "transformers"),
    "RAG": ("rag", "retrieval augmented generation", "retrieval-augmented generation"),
    "Vector databases": (
        "vector database",
        "vector databases",
        "pinecone",
        "weaviate",
        "milvus",
        "qdrant",
        "pgvector",
        "faiss",
        "chroma",
    ),
    "Quantization": ("quantization", "quantisation", "int8", "fp8", "awq", "gptq"),
    # ML frameworks
    "PyTorch": ("pytorch", "torch"),
    "TensorFlow": ("tensorflow", "tf.keras", "keras"),
    "scikit-learn": ("scikit-learn", "sklearn", "scikit learn"),
    "XGBoost": ("xgboost", "lightgbm", "catboost"),
    # ML platform and MLOps
    "MLflow": ("mlflow",),
    "Weights & Biases": ("weights & biases", "weights and biases", "wandb", "w&b"),
    "SageMaker": ("sagemaker", "aws sagemaker"),
    "Vertex AI": ("vertex ai", "vertexai"),
    "Azure ML": ("azure ml", "azure machine learning", "azureml"),
    "Bedrock": ("bedrock", "aws bedrock", "amazon bedrock"),
    "Feast": ("feast", "feature store", "tecton"),
    "DVC": ("dvc",),
    "Metaflow": ("metaflow",),
    "ZenML": ("zenml",),
    "Model monitoring": ("model monitoring", "drift detection", "evidently", "arize", "whylabs"),
    "CI/CD": ("ci/cd", "cicd", "github actions", "gitlab ci", "jenkins", "circleci"),
    # data platform
    "Spark": ("spark", "pyspark", "apache spark", "spark streaming"),
    "Airflow": ("airflow", "apache airflow", "mwaa", "cloud composer"),
    "Kafka": ("kafka", "apache kafka", "confluent", "kinesis"),
    "Flink": ("flink", "apache flink"),
    "dbt": ("dbt",),
    "Databricks": ("databricks", "delta lake"),
    "Snowflake": ("snowflake",),
    "BigQuery": ("bigquery",),
    "Redshift": ("redshift",),
    "Iceberg": ("iceberg", "apache iceberg", "hudi"),
    "Hadoop": ("hadoop", "hdfs", "hive", "mapreduce"),
    "Dagster": ("dagster", "prefect"),
    "Trino": ("trino", "presto", "athena"),
    "PostgreSQL": ("postgresql", "postgres"),
    "SQL": ("sql",),
    "NoSQL": ("nosql", "mongodb", "cassandra", "dynamodb"),
    "Redis": ("redis",),
    "Elasticsearch": ("elasticsearch", "opensearch"),
    # cloud and infrastructure as code
    "AWS": ("aws", "amazon web services", "ec2", "s3"),
    "GCP": ("gcp", "google cloud", "google cloud platform"),
    "Azure": ("azure", "microsoft azure"),
    "Terraform": ("terraform", "opentofu"),
    "Pulumi": ("pulumi",),
    "Ansible": ("ansible",),
    "Linux": ("linux",),
    "Prometheus": ("prometheus",),
    "Grafana": ("grafana",),
    "Datadog": ("datadog",),
    "OpenTelemetry": ("opentelemetry", "otel"),
    "gRPC": ("grpc", "protobuf"),
    "Istio": ("istio", "envoy", "service mesh"),
    # languages
    "Python": ("python",),
    "Go": ("golang",),
    "Rust": ("rust",),
    "C++": ("c++", "cpp"),
    "Java": ("java",),
    "Scala": ("scala",),
    "Bash": ("bash", "shell scripting"),
}
# Names that are also everyday words: matched only when written like a name.
_CASED = {
    "ray": "Ray",
    "go": "Go",
    "rust": "Rust",
    "argo": "Argo",
    "helm": "Helm",
    "feast": "Feast",
    "nomad": "Nomad",
    "triton": "Triton",
    "spark": "Spark",
    "chroma": "Chroma",
    "bedrock": "Bedrock",
    "transformers": "Transformers",
    "iceberg": "Iceberg",
    "snowflake": "Snowflake",
    "hive": "Hive",
    "athena": "Athena",
    "envoy": "Envoy",
    "rag": "RAG",
}
_NOT_ALIASES = {"go"}  # "Go to market": the language is matched as "golang" only


@functools.cache
def _index() -> tuple[dict[bytes, str], dict[bytes, list[tuple[bytes, str]]]]:
    """(one-word alias → name, first word → [(" multi word alias ", name)])."""
    index = {alias: name for name, aliases in SKILLS.items() for alias in (*aliases, name.lower())}
    for word in _NOT_ALIASES:
        index.pop(word, None)
    single: dict[bytes, str] = {}
    multi: dict[bytes, list[tuple[bytes, str]]] = {}
    for alias, name in index.items():
        sequence = words(alias)
        if len(sequence) == 1:
            single[sequence[0]] = name
        else:
            multi.setdefault(sequence[0], []).append((b" " + b" ".join(sequence) + b" ", name))
    return single, multi


@functools.cache
def _cased(word: bytes) -> re.Pattern[str]:
    name = _CASED[word.decode()]
    # The literal comes first so the engine can scan for it; the lookbehind then checks
    # the character before it.
    return re.compile(
        rf"(?:{re.escape(name)}|{re.escape(name.upper())})(?<![A-Za-z].{{{len(name)}}})(?![A-Za-z])"
    )


_CASED_WORDS = frozenset(word.encode() for word in _CASED)


def extract_skills(text: str) -> list[str]:
    """Canonical skill names mentioned in `text`, in vocabulary order."""
    single, multi = _index()
    text = text[:EXTRACTOR_TEXT_CHARS]
    lower = lowered(text)
    unique = word_set(lower)
    found = {
        single[word]
        for word in unique & single.keys()
        if word not in _CASED_WORDS or _cased(word).search(text)
    }
    starts = unique & multi.keys()
    if starts:
        joined = b" " + b" ".join(words(lower)) + b" "
        found.update(name for first in starts for alias, name in multi[first] if alias in joined)
    return [name for name in SKILLS if name in found]
