variable "region" {
  type        = string
  description = "AWS region to deploy to."
  default     = "eu-central-1"
}

variable "name" {
  type        = string
  description = "Name of the gateway (resource and table prefix)."
  default     = "kilo-gateway"
}
