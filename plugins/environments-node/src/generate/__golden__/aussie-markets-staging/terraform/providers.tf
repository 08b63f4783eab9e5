provider "aws" {
  region = var.region

  default_tags {
    tags = {
      "terrace:environment" = "aussie-markets-staging"
      "terrace:managed-by"  = "terrace"
      "terrace:owner"       = "group:default/markets"
      "terrace:system"      = "aussie-markets"
      "terrace:tier"        = "staging"
    }
  }
}
