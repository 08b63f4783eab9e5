resource "azurerm_container_app_environment" "main" {
  name                               = "cae-azvar-dev"
  location                           = azurerm_resource_group.main.location
  resource_group_name                = azurerm_resource_group.main.name
  infrastructure_subnet_id           = azurerm_subnet.apps.id
  infrastructure_resource_group_name = "rg-azvar-dev-apps-infra"
  internal_load_balancer_enabled     = false
  zone_redundancy_enabled            = true
  log_analytics_workspace_id         = azurerm_log_analytics_workspace.main.id
  logs_destination                   = "log-analytics"

  workload_profile {
    name                  = "Consumption"
    workload_profile_type = "Consumption"
  }
  tags = {
    "terrace:environment" = "azvar-dev"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "dev"
    "terrace:component"   = "shared"
  }
}
