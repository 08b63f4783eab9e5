resource "mongodbatlas_project" "docs" {
  name   = "azvar-prod-docs"
  org_id = var.atlas_org_id
}

resource "mongodbatlas_advanced_cluster" "docs" {
  project_id                     = mongodbatlas_project.docs.id
  name                           = "azvar-prod-docs"
  cluster_type                   = "REPLICASET"
  mongo_db_major_version         = "7.0"
  backup_enabled                 = true
  pit_enabled                    = true
  termination_protection_enabled = true

  replication_specs {
    region_configs {
      provider_name = "AZURE"
      region_name   = "EUROPE_NORTH"
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
    value = "azvar-prod"
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
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
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
  count      = 3
  project_id = mongodbatlas_project.docs.id
  ip_address = azurerm_public_ip.nat[count.index].ip_address
  comment    = "azvar-prod NAT gateway"
}

resource "mongodbatlas_privatelink_endpoint" "docs" {
  project_id    = mongodbatlas_project.docs.id
  provider_name = "AZURE"
  region        = "EUROPE_NORTH"
}

resource "azurerm_private_endpoint" "docs" {
  name                = "pe-azvar-prod-docs"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  subnet_id           = azurerm_subnet.endpoints.id

  private_service_connection {
    name                           = mongodbatlas_privatelink_endpoint.docs.private_link_service_name
    private_connection_resource_id = mongodbatlas_privatelink_endpoint.docs.private_link_service_resource_id
    is_manual_connection           = true
    request_message                = "Terrace environment azvar-prod, docs"
  }
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "docs"
  }
}

resource "mongodbatlas_privatelink_endpoint_service" "docs" {
  project_id                  = mongodbatlas_project.docs.id
  private_link_id             = mongodbatlas_privatelink_endpoint.docs.private_link_id
  endpoint_service_id         = azurerm_private_endpoint.docs.id
  private_endpoint_ip_address = azurerm_private_endpoint.docs.private_service_connection[0].private_ip_address
  provider_name               = "AZURE"
}
