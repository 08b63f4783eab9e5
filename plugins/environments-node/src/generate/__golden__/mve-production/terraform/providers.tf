provider "aws" {
  region = var.region

  default_tags {
    tags = {
      "terrace:environment" = "mve-production"
      "terrace:managed-by"  = "terrace"
      "terrace:owner"       = "group:default/mve"
      "terrace:system"      = "mve"
      "terrace:tier"        = "prod"
    }
  }
}
