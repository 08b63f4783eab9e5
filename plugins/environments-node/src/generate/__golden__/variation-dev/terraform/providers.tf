provider "aws" {
  region = var.region

  default_tags {
    tags = {
      "terrace:environment" = "var-dev"
      "terrace:managed-by"  = "terrace"
      "terrace:owner"       = "group:default/platform"
      "terrace:system"      = "variations"
      "terrace:tier"        = "dev"
    }
  }
}

provider "mongodbatlas" {
  public_key  = var.atlas_public_key
  private_key = var.atlas_private_key
}
