# The three functions, each from the zip the Maven build wrote (make package / make native), with its own role
# (iam.tf) and log group.

resource "aws_cloudwatch_log_group" "function" {
  for_each = local.functions

  name              = "/aws/lambda/${var.name}-${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = local.tags
}

resource "aws_lambda_function" "this" {
  for_each = local.functions

  function_name    = "${var.name}-${each.key}"
  description      = each.value.description
  role             = aws_iam_role.function[each.key].arn
  filename         = local.zips[each.key]
  source_code_hash = filebase64sha256(local.zips[each.key])
  runtime          = local.runtime
  handler          = each.value.handler
  architectures    = [var.architecture]
  memory_size      = each.value.memory_size
  timeout          = each.value.timeout

  environment {
    variables = each.value.environment
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function[each.key].name
  }

  tags = merge(local.tags, { "kilo-gateway:function" = each.key })

  # Before the first cold start the role must be able to write logs and read its tables, and the provider keys
  # secret must have a value (GetSecretValue fails on a secret without one, which would fail the start).
  depends_on = [aws_iam_role_policy.function, aws_secretsmanager_secret_version.provider_keys_initial]
}

# The router recompiles when the catalog changes: the models table's stream, filtered to the #catalog item, whose
# version discovery bumps only when the listed content changed (CatalogStore).
resource "aws_lambda_event_source_mapping" "catalog_changes" {
  event_source_arn  = aws_dynamodb_table.this["models"].stream_arn
  function_name     = aws_lambda_function.this["router"].arn
  starting_position = "LATEST"
  batch_size        = 10
  # A recompile reads the whole catalog, so one per burst of changes is enough.
  maximum_batching_window_in_seconds = 10
  maximum_retry_attempts             = 3
  bisect_batch_on_function_error     = false

  filter_criteria {
    filter {
      pattern = jsonencode({ dynamodb = { Keys = { model_id = { S = ["#catalog"] } } } })
    }
  }
}
