resource "azurerm_user_assigned_identity" "api" {
  name                = "id-azvar-staging-api"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
    "terrace:component"   = "api"
  }
}

resource "azurerm_role_assignment" "api_acr_pull" {
  scope                = azurerm_container_registry.images.id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_user_assigned_identity.api.principal_id
}

resource "azurerm_role_assignment" "api_secrets" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.api.principal_id
}

resource "azurerm_role_assignment" "api_blobs_main" {
  scope                = azurerm_storage_account.main.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.api.principal_id
}

resource "azurerm_role_assignment" "api_blobs_public" {
  scope                = azurerm_storage_account.public.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.api.principal_id
}

resource "azurerm_container_app" "api" {
  name                         = "ca-azvar-staging-api"
  container_app_environment_id = azurerm_container_app_environment.main.id
  resource_group_name          = azurerm_resource_group.main.name
  revision_mode                = "Single"
  workload_profile_name        = "Consumption"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.api.id]
  }
  registry {
    server   = azurerm_container_registry.images.login_server
    identity = azurerm_user_assigned_identity.api.id
  }
  ingress {
    external_enabled           = true
    target_port                = 8080
    transport                  = "auto"
    allow_insecure_connections = false

    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }
  template {
    min_replicas = 1
    max_replicas = 4

    container {
      name   = "api"
      image  = "${azurerm_container_registry.images.login_server}/azvar-staging-images:latest"
      cpu    = 0.5
      memory = "1Gi"

      liveness_probe {
        transport               = "HTTP"
        port                    = 8080
        path                    = "/health"
        interval_seconds        = 10
        failure_count_threshold = 3
      }
      readiness_probe {
        transport               = "HTTP"
        port                    = 8080
        path                    = "/health"
        interval_seconds        = 10
        failure_count_threshold = 3
      }
    }
    custom_scale_rule {
      name             = "cpu"
      custom_rule_type = "cpu"
      metadata = {
        type  = "Utilization"
        value = "70"
      }
    }
  }
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
    "terrace:component"   = "api"
  }
  depends_on = [azurerm_role_assignment.api_acr_pull]
}

resource "azurerm_monitor_diagnostic_setting" "service_api" {
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_container_app.api.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_monitor_metric_alert" "api_unhealthy_targets" {
  name                = "azvar-staging.api.unhealthy-targets"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [azurerm_container_app.api.id]
  description         = "At least one target failing its health check for 3 minutes"
  severity            = 2
  window_size         = "PT5M"
  frequency           = "PT1M"

  criteria {
    metric_namespace = "Microsoft.App/containerApps"
    metric_name      = "RestartCount"
    aggregation      = "Maximum"
    operator         = "GreaterThanOrEqual"
    threshold        = 1
  }
  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
    "terrace:component"   = "api"
  }
}

resource "azurerm_monitor_metric_alert" "api_5xx_high" {
  name                = "azvar-staging.api.5xx-high"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [azurerm_container_app.api.id]
  description         = "More than 10 server errors (5xx) from targets in 5 minutes"
  severity            = 2
  window_size         = "PT5M"
  frequency           = "PT1M"

  criteria {
    metric_namespace = "Microsoft.App/containerApps"
    metric_name      = "Requests"
    aggregation      = "Total"
    operator         = "GreaterThan"
    threshold        = 10

    dimension {
      name     = "statusCodeCategory"
      operator = "Include"
      values   = ["5xx"]
    }
  }
  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
    "terrace:component"   = "api"
  }
}

resource "azurerm_monitor_metric_alert" "api_cpu_high" {
  name                = "azvar-staging.api.cpu-high"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [azurerm_container_app.api.id]
  description         = "CPU above 80% for 15 minutes"
  severity            = 2
  window_size         = "PT15M"
  frequency           = "PT5M"

  criteria {
    metric_namespace = "Microsoft.App/containerApps"
    metric_name      = "CpuPercentage"
    aggregation      = "Average"
    operator         = "GreaterThan"
    threshold        = 80
  }
  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
    "terrace:component"   = "api"
  }
}

resource "azurerm_monitor_metric_alert" "api_memory_high" {
  name                = "azvar-staging.api.memory-high"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [azurerm_container_app.api.id]
  description         = "Memory above 80% for 15 minutes"
  severity            = 2
  window_size         = "PT15M"
  frequency           = "PT5M"

  criteria {
    metric_namespace = "Microsoft.App/containerApps"
    metric_name      = "MemoryPercentage"
    aggregation      = "Average"
    operator         = "GreaterThan"
    threshold        = 80
  }
  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
  tags = {
    "terrace:environment" = "azvar-staging"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "staging"
    "terrace:component"   = "api"
  }
}
