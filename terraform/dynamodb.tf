# Every table from its one definition in infra/dynamodb/tables/*.json (CreateTable field names), the same files the
# local server and the tests create their tables from. A new file there is a new table here; iam.tf says which
# function may do what with it.

locals {
  tables_dir = "${local.repo_root}/infra/dynamodb/tables"

  tables = {
    for file in fileset(local.tables_dir, "*.json") :
    trimsuffix(file, ".json") => jsondecode(file("${local.tables_dir}/${file}"))
  }

  # TTL: "TimeToLiveSpecification": {"AttributeName": ..., "Enabled": true}, or the older "TimeToLiveAttribute".
  table_ttl = {
    for name, t in local.tables : name => (
      can(t.TimeToLiveSpecification.AttributeName) ? (
        try(t.TimeToLiveSpecification.Enabled, true) ? t.TimeToLiveSpecification.AttributeName : null
      ) : try(t.TimeToLiveAttribute, null)
    )
  }
}

resource "aws_dynamodb_table" "this" {
  for_each = local.tables

  name         = "${local.table_prefix}${each.value.TableName}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = one([for k in each.value.KeySchema : k.AttributeName if k.KeyType == "HASH"])
  range_key    = one([for k in each.value.KeySchema : k.AttributeName if k.KeyType == "RANGE"])

  deletion_protection_enabled = var.deletion_protection

  dynamic "attribute" {
    for_each = each.value.AttributeDefinitions
    content {
      name = attribute.value.AttributeName
      type = attribute.value.AttributeType
    }
  }

  dynamic "global_secondary_index" {
    for_each = try(each.value.GlobalSecondaryIndexes, [])
    content {
      name               = global_secondary_index.value.IndexName
      hash_key           = one([for k in global_secondary_index.value.KeySchema : k.AttributeName if k.KeyType == "HASH"])
      range_key          = one([for k in global_secondary_index.value.KeySchema : k.AttributeName if k.KeyType == "RANGE"])
      projection_type    = try(global_secondary_index.value.Projection.ProjectionType, "ALL")
      non_key_attributes = try(global_secondary_index.value.Projection.NonKeyAttributes, null)
    }
  }

  dynamic "ttl" {
    for_each = local.table_ttl[each.key] == null ? [] : [local.table_ttl[each.key]]
    content {
      attribute_name = ttl.value
      enabled        = true
    }
  }

  stream_enabled   = try(each.value.StreamSpecification.StreamEnabled, false)
  stream_view_type = try(each.value.StreamSpecification.StreamViewType, null)

  point_in_time_recovery {
    enabled = true
  }

  # DynamoDB always encrypts at rest; enabled = true selects KMS (the AWS managed key unless kms_key_arn is set).
  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = merge(local.tags, { "kilo-gateway:table" = each.key })
}
