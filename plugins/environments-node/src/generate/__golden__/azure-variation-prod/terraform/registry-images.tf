resource "azurerm_container_registry" "images" {
  #checkov:skip=CKV_AZURE_139:images are pushed from CI runners outside the virtual network; closing public access needs Premium and a private endpoint
  #checkov:skip=CKV_AZURE_163:image scanning is Microsoft Defender for Containers, a subscription-wide plan outside this environment
  #checkov:skip=CKV_AZURE_164:Docker Content Trust is deprecated in ACR; images are trusted by the pipeline that pushes them
  #checkov:skip=CKV_AZURE_165:no geo-replication: one region per environment (a replica costs a second Premium registry)
  #checkov:skip=CKV_AZURE_166:quarantine holds every pushed image until a scanner releases it, which would stop deployments without one
  name                          = "crazvarprodimages868697"
  resource_group_name           = azurerm_resource_group.main.name
  location                      = azurerm_resource_group.main.location
  sku                           = "Premium"
  admin_enabled                 = false
  anonymous_pull_enabled        = false
  public_network_access_enabled = true
  zone_redundancy_enabled       = true
  data_endpoint_enabled         = true
  retention_policy_in_days      = 14
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "images"
  }
}

resource "azurerm_container_registry_task" "images_purge" {
  name                  = "purge"
  container_registry_id = azurerm_container_registry.images.id

  platform {
    os = "Linux"
  }
  encoded_step {
    task_content = base64encode("version: v1.1.0\nsteps:\n  - cmd: acr purge --filter '.*:.*' --keep 50 --ago 0d --untagged\n    disableWorkingDirectoryOverride: true\n    timeout: 3600\n")
  }
  timer_trigger {
    name     = "daily"
    schedule = "0 3 * * *"
    enabled  = true
  }
  tags = {
    "terrace:environment" = "azvar-prod"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "prod"
    "terrace:component"   = "images"
  }
}

resource "azurerm_monitor_diagnostic_setting" "registry_images" {
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_container_registry.images.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }
  enabled_metric {
    category = "AllMetrics"
  }
}
