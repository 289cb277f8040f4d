# One role per function, each allowed only what its code does. To change what a function may do with a table, edit
# local.table_access; a table file without an entry here fails the deploy check (src/deploy-check).

locals {
  # Which function may call which DynamoDB actions on which table (unprefixed names, as in infra/dynamodb/tables).
  # Entries for tables whose definition is not there yet are skipped, so this can name them ahead of time.
  table_access = {
    completions = {
      # Bearer key checks (GetItem), the key management API (PutItem, Query on key_id-index, Scan to list,
      # UpdateItem for limits and revocation), and /health/ready (DescribeTable).
      keys = ["GetItem", "PutItem", "UpdateItem", "Query", "Scan", "DescribeTable"]
      # The catalog snapshot (Scan, GetItem of #catalog); discovery alone writes it.
      models = ["GetItem", "Scan"]
      # Usage records and daily totals (PutItem, UpdateItem, in transactions: IAM checks each item's action), read
      # back by /v1/usage (Query) and /v1/generation (GetItem).
      usage = ["PutItem", "UpdateItem", "GetItem", "Query"]
      # Per-key limit counters: conditional updates, reads of a key's spend.
      counters = ["GetItem", "UpdateItem"]
      # kilo/auto: the compiled policy (GetItem of #policy, its version), decision records written off the response
      # path and read by GET /v1/route/{id}, session pins (PutItem, GetItem).
      routing = ["GetItem", "PutItem"]
    }
    discovery = {
      # CatalogStore: read what is stored, conditional puts and gone marks, the #catalog version item.
      models = ["GetItem", "Scan", "PutItem", "UpdateItem"]
    }
    router = {
      # Bearer key checks for /v1/route, and /health/ready.
      keys = ["GetItem", "DescribeTable"]
      # Reads the catalog (and the last discovery report in #catalog) to compile its policy.
      models = ["GetItem", "Scan"]
      # The policy (conditional UpdateItem of #policy when its content changed), dry-run decision records and
      # their lookup, session pins.
      routing = ["GetItem", "PutItem", "UpdateItem"]
    }
  }

  # Functions that call providers and therefore read the provider keys secret (main.tf gives the same ones its ARN).
  reads_provider_keys = ["completions", "discovery"]

  # Functions that consume the models table's stream (lambda.tf's event source mapping).
  reads_catalog_stream = ["router"]

  # Granted tables: table ARN and its indexes, per function.
  table_statements = {
    for fn, access in local.table_access : fn => [
      for table, actions in access : {
        sid       = "Table${replace(title(replace(table, "_", " ")), " ", "")}"
        actions   = [for a in actions : "dynamodb:${a}"]
        resources = [aws_dynamodb_table.this[table].arn, "${aws_dynamodb_table.this[table].arn}/index/*"]
      } if contains(keys(local.tables), table)
    ]
  }
}

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    sid     = "LambdaAssumesFunctionRole"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "function" {
  for_each = local.functions

  name               = "${var.name}-${each.key}"
  description        = "Kilo Gateway ${var.name}: the ${each.key} function's execution role"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
  tags               = local.tags
}

data "aws_iam_policy_document" "function" {
  for_each = local.functions

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function[each.key].arn}:*"]
  }

  dynamic "statement" {
    for_each = local.table_statements[each.key]
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }

  dynamic "statement" {
    for_each = contains(local.reads_provider_keys, each.key) ? [local.provider_keys_secret_arn] : []
    content {
      sid       = "ReadProviderKeys"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = contains(local.reads_catalog_stream, each.key) ? [aws_dynamodb_table.this["models"].stream_arn] : []
    content {
      sid       = "ReadCatalogStream"
      actions   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]
      resources = [statement.value]
    }
  }

  # With a customer managed key, reading the tables, the secret and the stream needs it too.
  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid       = "UseGatewayKmsKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "function" {
  for_each = local.functions

  name   = "${var.name}-${each.key}"
  role   = aws_iam_role.function[each.key].id
  policy = data.aws_iam_policy_document.function[each.key].json
}

# EventBridge Scheduler invokes discovery and the router with this role, and nothing else.
data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    sid     = "SchedulerAssumesRole"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name}-scheduler"
  description        = "Kilo Gateway ${var.name}: EventBridge Scheduler invoking discovery and the router"
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
  tags               = local.tags
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeScheduledFunctions"
    actions   = ["lambda:InvokeFunction"]
    resources = [for fn in keys(local.schedules) : aws_lambda_function.this[fn].arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "${var.name}-scheduler"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}
