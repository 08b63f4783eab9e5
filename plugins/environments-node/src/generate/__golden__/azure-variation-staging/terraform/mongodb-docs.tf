resource "mongodbatlas_project" "docs" {
  name   = "azvar-staging-docs"
  org_id = var.atlas_org_id
}

resource "mongodbatlas_advanced_cluster" "docs" {
  project_id                     = mongodbatlas_project.docs.id
  name                           = "azvar-staging-docs"
  cluster_type                   = "REPLICASET"
  mongo_db_major_version         = "7.0"
  backup_enabled                 = true
  pit_enabled                    = false
  termination_protection_enabled = false

  replication_specs {
    region_configs {
      provider_name = "AZURE"
      region_name   = "EUROPE_WEST"
      priority      = 7

      electable_specs {
        instance_size = "M10"
        node_count    = 3
      }
    }
  }
  advanced_configuration {
    minimum_enabled_tls_protocol = "TLS1_2"
  }
  tags {
    key   = "terrace-environment"
    value = "azvar-staging"
  }
  tags {
    key   = "terrace-component"
    value = "docs"
  }
}

resource "random_password" "docs_app" {
  length  = 32
  special = false
}

resource "azurerm_key_vault_secret" "docs_app" {
  #checkov:skip=CKV_AZURE_41:no expiry date: Key Vault refuses to return an expired secret, so an expiry would break the application; rotate by replacing the value
  name         = "docs-app-password"
  key_vault_id = azurerm_key_vault.main.id
  value        = random_password.docs_app.result
  content_type = "password"
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
    "terrace:component"   = "docs"
  }
  depends_on = [azurerm_role_assignment.deployer_secrets]
}

resource "mongodbatlas_database_user" "docs" {
  project_id         = mongodbatlas_project.docs.id
  username           = "app"
  password           = random_password.docs_app.result
  auth_database_name = "admin"

  roles {
    role_name     = "readWrite"
    database_name = "app"
  }
  scopes {
    name = mongodbatlas_advanced_cluster.docs.name
    type = "CLUSTER"
  }
}

resource "mongodbatlas_project_ip_access_list" "docs" {
  count      = 1
  project_id = mongodbatlas_project.docs.id
  ip_address = azurerm_public_ip.nat[count.index].ip_address
  comment    = "azvar-staging NAT gateway"
}
