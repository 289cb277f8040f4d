output "base_url" {
  description = "OPENAI_BASE_URL for clients."
  value       = module.kilo_gateway.base_url
}

output "admin_key" {
  description = "The initial admin Bearer key (terraform output -raw admin_key)."
  value       = module.kilo_gateway.admin_key
  sensitive   = true
}

output "provider_keys_secret_arn" {
  description = "Where to put the provider keys (aws secretsmanager put-secret-value)."
  value       = module.kilo_gateway.provider_keys_secret_arn
}
