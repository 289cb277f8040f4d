output "base_url" {
  description = "The OpenAI base URL (OPENAI_BASE_URL, base_url in the SDKs): the stage URL plus /v1."
  value       = "${aws_api_gateway_stage.this.invoke_url}/v1"
}

output "api_url" {
  description = "The stage URL without /v1: the root for Kilo Code CLI (KILO_API_URL) and OpenClaw (<api_url>/api/gateway/)."
  value       = aws_api_gateway_stage.this.invoke_url
}

output "admin_key" {
  description = "The initial admin Bearer key (terraform output -raw admin_key). Null when create_admin_key is false."
  value       = local.admin_key
  sensitive   = true
}

output "admin_key_id" {
  description = "Public id of the initial admin key, to revoke it (make key-revoke ID=... or the admin API)."
  value       = local.admin_key_id
}

output "function_names" {
  description = "Lambda function names by role: completions, discovery, router."
  value       = { for k, f in aws_lambda_function.this : k => f.function_name }
}

output "log_group_names" {
  description = "CloudWatch log group of each function."
  value       = { for k, g in aws_cloudwatch_log_group.function : k => g.name }
}

output "table_names" {
  description = "DynamoDB table names by their unprefixed name (as in infra/dynamodb/tables)."
  value       = { for k, t in aws_dynamodb_table.this : k => t.name }
}

output "table_prefix" {
  description = "Prefix of every table name (the functions' GATEWAY_TABLE_PREFIX; the CLI needs it to manage keys)."
  value       = local.table_prefix
}

output "provider_keys_secret_arn" {
  description = "ARN of the Secrets Manager secret the functions read provider keys from; write it with aws secretsmanager put-secret-value."
  value       = local.provider_keys_secret_arn
}

output "rest_api_id" {
  description = "ID of the API Gateway REST API."
  value       = aws_api_gateway_rest_api.this.id
}
