resource "azurerm_container_registry" "images" {
  #checkov:skip=CKV_AZURE_139:images are pushed from CI runners outside the virtual network; closing public access needs Premium and a private endpoint
  #checkov:skip=CKV_AZURE_163:image scanning is Microsoft Defender for Containers, a subscription-wide plan outside this environment
  #checkov:skip=CKV_AZURE_164:Docker Content Trust is deprecated in ACR; images are trusted by the pipeline that pushes them
  #checkov:skip=CKV_AZURE_165:no geo-replication: one region per environment (a replica costs a second Premium registry)
  #checkov:skip=CKV_AZURE_166:quarantine holds every pushed image until a scanner releases it, which would stop deployments without one
  #checkov:skip=CKV_AZURE_167:untagged manifests are deleted by the daily purge task; the retention policy needs Premium, used in prod only
  #checkov:skip=CKV_AZURE_233:zone redundancy needs Premium (about 50 USD a month), used in prod; staging uses Standard
  #checkov:skip=CKV_AZURE_237:dedicated data endpoints need Premium, used in prod; staging uses Standard
  name                          = "crazvarstagingimages1ce543"
  resource_group_name           = azurerm_resource_group.main.name
  location                      = azurerm_resource_group.main.location
  sku                           = "Standard"
  admin_enabled                 = false
  anonymous_pull_enabled        = false
  public_network_access_enabled = true
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
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
    task_content = base64encode("version: v1.1.0\nsteps:\n  - cmd: acr purge --filter '.*:.*' --keep 20 --ago 0d --untagged\n    disableWorkingDirectoryOverride: true\n    timeout: 3600\n")
  }
  timer_trigger {
    name     = "daily"
    schedule = "0 3 * * *"
    enabled  = true
  }
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
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
