# The smallest deployment: every default, the JVM build from make package, in one region.
#   make package && terraform init && terraform apply
# then fill the provider keys secret (see the module README).

provider "aws" {
  region = var.region
}

module "kilo_gateway" {
  source = "../.."

  name = var.name
  # Non-secret settings; provider keys go in the secret, never here.
  environment = {
    KILO_AUTO_MODEL = "anthropic/claude-sonnet-4-5"
  }
}
