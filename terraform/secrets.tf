# Provider keys: one Secrets Manager secret holding {"<provider id>": "<key>"}, read by the functions at cold start
# (ProviderKeysConfigSourceFactory). Terraform creates it empty and never learns the keys, so they are in no
# variable, plan or state: the operator writes them with aws secretsmanager put-secret-value (README).

resource "aws_secretsmanager_secret" "provider_keys" {
  count = var.provider_keys_secret_arn == null ? 1 : 0

  name_prefix             = "${var.name}-provider-keys-"
  description             = "Kilo Gateway ${var.name}: provider API keys as a JSON map of provider id to key, read by the functions at cold start."
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = local.tags
}

resource "aws_secretsmanager_secret_version" "provider_keys_initial" {
  count = var.provider_keys_secret_arn == null ? 1 : 0

  secret_id = aws_secretsmanager_secret.provider_keys[0].id
  # An empty map, so that the functions start before any key is written (every provider then stays off).
  secret_string = "{}"

  lifecycle {
    # The operator's put-secret-value replaces this version; Terraform must not write {} back.
    ignore_changes = [secret_string, version_stages]
  }
}

locals {
  provider_keys_secret_arn = coalesce(var.provider_keys_secret_arn, try(aws_secretsmanager_secret.provider_keys[0].arn, null))
}

# The initial admin key: sk-kg- and 43 URL-safe characters, the format KeySecrets makes. Stored in the keys table as
# its hex SHA-256 (what KeySecrets.hash computes and sha256() gives), with the attributes KeyStore.create writes.
resource "random_password" "admin_key" {
  count = var.create_admin_key ? 1 : 0

  length           = 43
  special          = true
  override_special = "-_"
}

resource "random_string" "admin_key_id" {
  count = var.create_admin_key ? 1 : 0

  length           = 16
  special          = true
  override_special = "-_"
}

resource "time_static" "admin_key_created" {
  count = var.create_admin_key ? 1 : 0
}

locals {
  admin_key    = var.create_admin_key ? "sk-kg-${random_password.admin_key[0].result}" : null
  admin_key_id = var.create_admin_key ? "key_${random_string.admin_key_id[0].result}" : null
}

resource "aws_dynamodb_table_item" "admin_key" {
  count = var.create_admin_key ? 1 : 0

  table_name = aws_dynamodb_table.this["keys"].name
  hash_key   = aws_dynamodb_table.this["keys"].hash_key

  item = jsonencode({
    key_hash   = { S = sha256(local.admin_key) }
    key_id     = { S = local.admin_key_id }
    name       = { S = "terraform-admin" }
    hint       = { S = substr(local.admin_key, -4, 4) }
    role       = { S = "admin" }
    status     = { S = "active" }
    created_at = { S = time_static.admin_key_created[0].rfc3339 }
  })

  lifecycle {
    # The gateway owns the item once it exists (revocation, budgets): an apply must not undo a revocation.
    ignore_changes = [item]
  }
}
