variable "name" {
  type        = string
  description = "Name of this gateway: prefix of every resource, and of the DynamoDB tables (<name>-keys, ...). Several gateways can share an account under different names."
  default     = "kilo-gateway"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name))
    error_message = "name must be 3 to 32 lowercase letters, digits or dashes, starting with a letter."
  }
}

variable "package_type" {
  type        = string
  description = "Which build to deploy: jvm (make package; managed Java runtime) or native (make native; provided.al2023 executables)."
  default     = "jvm"

  validation {
    condition     = contains(["jvm", "native"], var.package_type)
    error_message = "package_type must be jvm or native."
  }
}

variable "function_zips" {
  type        = map(string)
  description = "Deployment zip per function (completions, discovery, router), overriding the paths under src/functions/<name>/target that make package and make native write."
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.function_zips) : contains(["completions", "discovery", "router"], k)])
    error_message = "function_zips keys must be completions, discovery or router."
  }
}

variable "java_runtime" {
  type        = string
  description = "Managed Lambda runtime for the JVM build (package_type = jvm). The code targets Java 17; java21 and later run it."
  default     = "java21"
}

variable "architecture" {
  type        = string
  description = "Instruction set of the functions: x86_64 or arm64. The JVM zips run on both; a native zip only on the architecture it was built on."
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "completions_memory_size" {
  type        = number
  description = "Memory of the completions function in MB (CPU grows with it; the JVM build starts noticeably faster at 1024 or more)."
  default     = 1024
}

variable "completions_timeout" {
  type        = number
  description = "Longest a completions invocation may run, in seconds: the longest streamed answer. Up to 900 (15 minutes), the limit of both Lambda and a streaming API Gateway integration."
  default     = 900

  validation {
    condition     = var.completions_timeout >= 30 && var.completions_timeout <= 900
    error_message = "completions_timeout must be between 30 and 900 seconds."
  }
}

variable "discovery_memory_size" {
  type        = number
  description = "Memory of the discovery function in MB."
  default     = 512
}

variable "discovery_timeout" {
  type        = number
  description = "Longest a discovery run may take, in seconds. Must exceed the refresh's own limit (gateway.discovery.timeout, 60 s) plus start-up, so that a slow provider is reported rather than the function killed."
  default     = 120

  validation {
    condition     = var.discovery_timeout > 60 && var.discovery_timeout <= 900
    error_message = "discovery_timeout must be more than 60 (the refresh timeout) and at most 900 seconds."
  }
}

variable "router_memory_size" {
  type        = number
  description = "Memory of the router function in MB."
  default     = 512
}

variable "router_timeout" {
  type        = number
  description = "Longest a router invocation (a route decision or a policy recompile) may run, in seconds."
  default     = 60

  validation {
    condition     = var.router_timeout >= 3 && var.router_timeout <= 900
    error_message = "router_timeout must be between 3 and 900 seconds."
  }
}

variable "environment" {
  type        = map(string)
  description = "Extra environment variables for every function: non-secret settings such as OPENAI_MODELS, KILO_AUTO_MODEL or OLLAMA_BASE_URL (see README). Never provider keys: those go in the provider keys secret."
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.environment) : !can(regex("(?i)(API_KEY|SECRET|TOKEN|PASSWORD)", k))])
    error_message = "environment must not carry keys or secrets (their values would sit in plain text in the function's configuration and in Terraform state); put provider keys in the provider keys secret."
  }
}

variable "provider_keys_secret_arn" {
  type        = string
  description = "ARN of an existing Secrets Manager secret holding the provider keys as a JSON map ({\"openai\":\"sk-...\"}). When null, an empty one is created; fill it with aws secretsmanager put-secret-value (see README)."
  default     = null
}

variable "secret_recovery_window_days" {
  type        = number
  description = "Days a deleted provider keys secret can still be restored (0 deletes at once, 7 to 30 otherwise)."
  default     = 7
}

variable "kms_key_arn" {
  type        = string
  description = "Customer managed KMS key for the tables, the provider keys secret and the log groups. When null, AWS managed keys encrypt them (DynamoDB and Secrets Manager always encrypt at rest)."
  default     = null
}

variable "log_retention_days" {
  type        = number
  description = "Days the functions' CloudWatch logs are kept."
  default     = 30
}

variable "discovery_schedule" {
  type        = string
  description = "How often discovery refreshes the model catalog: an EventBridge Scheduler expression such as rate(1 hour) or cron(0 * * * ? *)."
  default     = "rate(1 hour)"

  validation {
    condition     = can(regex("^(rate|cron)\\(.+\\)$", var.discovery_schedule))
    error_message = "discovery_schedule must be a rate(...) or cron(...) expression."
  }
}

variable "router_schedule" {
  type        = string
  description = "How often the router recompiles its policy regardless of catalog changes: an EventBridge Scheduler rate(...) or cron(...) expression."
  default     = "rate(6 hours)"

  validation {
    condition     = can(regex("^(rate|cron)\\(.+\\)$", var.router_schedule))
    error_message = "router_schedule must be a rate(...) or cron(...) expression."
  }
}

variable "api_stage_name" {
  type        = string
  description = "Name of the API Gateway stage; it is the first segment of every URL (https://<api>.execute-api.<region>.amazonaws.com/<stage>/v1)."
  default     = "prod"
}

variable "api_timeout_ms" {
  type        = number
  description = "How long API Gateway waits on a function, in milliseconds, up to 900000 (15 minutes) for streaming integrations."
  default     = 900000

  validation {
    condition     = var.api_timeout_ms >= 50 && var.api_timeout_ms <= 900000
    error_message = "api_timeout_ms must be between 50 and 900000."
  }
}

variable "api_throttling_rate_limit" {
  type        = number
  description = "Steady-state requests per second the API stage accepts before answering 429."
  default     = 50
}

variable "api_throttling_burst_limit" {
  type        = number
  description = "Requests the API stage accepts in a burst above the rate limit."
  default     = 100
}

variable "create_admin_key" {
  type        = bool
  description = "Create an initial admin Bearer key (terraform output -raw admin_key). Its hash goes to the keys table; the plain key stays in Terraform state as a sensitive value, so revoke it once you have your own keys."
  default     = true
}

variable "deletion_protection" {
  type        = bool
  description = "Protect the DynamoDB tables from deletion (terraform destroy then fails until it is turned off)."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags for every resource that takes them."
  default     = {}
}
