terraform {
  # 1.6: the functions and validations used here (startswith, cross-variable validation is not used).
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 6.28.0 is the first release with aws_lambda_function.response_streaming_invoke_arn; the REST API
      # integration's response_transfer_mode arrived just before it. Streaming needs both.
      version = ">= 6.28.0, < 7.0.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.6.0, < 4.0.0"
    }
    time = {
      source  = "hashicorp/time"
      version = ">= 0.11.0, < 1.0.0"
    }
  }
}
