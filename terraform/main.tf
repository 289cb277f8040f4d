# What the other files share: names, where the build put the zips, and the three functions' settings.

data "aws_caller_identity" "current" {}

locals {
  # The app reads tables as <prefix><name> (gateway.dynamodb.table-prefix).
  table_prefix = "${var.name}-"
  repo_root    = "${path.module}/.."
  native       = var.package_type == "native"

  # Where `make package` (JVM) and `make native` put each function's zip. The completions and router native builds
  # write function-native.zip next to the JVM zip; the discovery native build replaces function.zip itself.
  default_zips = {
    completions = "${local.repo_root}/src/functions/completions/target/${local.native ? "function-native.zip" : "function.zip"}"
    discovery   = "${local.repo_root}/src/functions/discovery/target/function.zip"
    router      = "${local.repo_root}/src/functions/router/target/${local.native ? "function-native.zip" : "function.zip"}"
  }
  zips = merge(local.default_zips, var.function_zips)

  # JVM: completions and router run their own streaming runtime loop, started by the zip's bootstrap script as the
  # managed Java runtime's exec wrapper (the managed runtime client cannot stream); the handler setting is then never
  # read. Discovery is a plain Quarkus handler. Native: every zip holds a provided.al2023 bootstrap executable.
  # exec_wrapper is a for expression rather than `native ? {} : {...}`, whose two object types do not unify.
  runtime      = local.native ? "provided.al2023" : var.java_runtime
  exec_wrapper = { for k, v in { AWS_LAMBDA_EXEC_WRAPPER = "/var/task/bootstrap" } : k => v if !local.native }

  common_environment = merge(var.environment, {
    GATEWAY_TABLE_PREFIX = local.table_prefix
  })
  # Only the functions that call providers get the provider keys secret (iam.tf grants the same ones).
  provider_keys_environment = {
    GATEWAY_PROVIDER_KEYS_SECRET = local.provider_keys_secret_arn
  }

  functions = {
    completions = {
      description = "OpenAI-compatible API (chat, completions, embeddings, models, keys, usage), streamed through its own runtime loop"
      handler     = "bootstrap"
      memory_size = var.completions_memory_size
      timeout     = var.completions_timeout
      environment = merge(local.common_environment, local.provider_keys_environment, local.exec_wrapper)
    }
    discovery = {
      description = "Refreshes the model catalog from every configured provider (EventBridge Scheduler)"
      handler     = local.native ? "bootstrap" : "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
      memory_size = var.discovery_memory_size
      timeout     = var.discovery_timeout
      environment = merge(local.common_environment, local.provider_keys_environment)
    }
    router = {
      description = "Routes kilo/auto requests (POST /v1/route, GET /v1/route/{id}); recompiles its policy on catalog change and on schedule"
      handler     = "bootstrap"
      memory_size = var.router_memory_size
      timeout     = var.router_timeout
      environment = merge(local.common_environment, local.exec_wrapper)
    }
  }

  tags = merge(var.tags, { "kilo-gateway:name" = var.name })
}
