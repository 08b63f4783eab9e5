resource "azurerm_cdn_frontdoor_profile" "api_edge" {
  name                     = "afd-azvar-dev-api-edge"
  resource_group_name      = azurerm_resource_group.main.name
  sku_name                 = "Standard_AzureFrontDoor"
  response_timeout_seconds = 60
  tags = {
    "terrace:environment" = "azvar-dev"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "dev"
    "terrace:component"   = "api-edge"
  }
}

resource "azurerm_cdn_frontdoor_endpoint" "api_edge" {
  name                     = "fde-azvar-dev-api-edge"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.api_edge.id
  enabled                  = true
  tags = {
    "terrace:environment" = "azvar-dev"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "dev"
    "terrace:component"   = "api-edge"
  }
}

resource "azurerm_cdn_frontdoor_rule_set" "api_edge" {
  name                     = "securityheaders"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.api_edge.id
}

resource "azurerm_cdn_frontdoor_rule" "api_edge" {
  name                      = "securityheaders"
  cdn_frontdoor_rule_set_id = azurerm_cdn_frontdoor_rule_set.api_edge.id
  order                     = 1
  behavior_on_match         = "Continue"

  actions {
    response_header_action {
      header_action = "Overwrite"
      header_name   = "Strict-Transport-Security"
      value         = "max-age=31536000; includeSubDomains"
    }
    response_header_action {
      header_action = "Overwrite"
      header_name   = "X-Content-Type-Options"
      value         = "nosniff"
    }
    response_header_action {
      header_action = "Overwrite"
      header_name   = "X-Frame-Options"
      value         = "DENY"
    }
    response_header_action {
      header_action = "Overwrite"
      header_name   = "Referrer-Policy"
      value         = "strict-origin-when-cross-origin"
    }
  }
}

resource "azurerm_cdn_frontdoor_origin_group" "api_edge_api" {
  name                     = "api"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.api_edge.id
  session_affinity_enabled = false

  load_balancing {
    sample_size                 = 4
    successful_samples_required = 3
  }
  health_probe {
    interval_in_seconds = 30
    path                = "/health"
    protocol            = "Https"
    request_type        = "GET"
  }
}

resource "azurerm_cdn_frontdoor_origin" "api_edge_api" {
  name                           = "api"
  cdn_frontdoor_origin_group_id  = azurerm_cdn_frontdoor_origin_group.api_edge_api.id
  enabled                        = true
  host_name                      = azurerm_container_app.api.ingress[0].fqdn
  origin_host_header             = azurerm_container_app.api.ingress[0].fqdn
  http_port                      = 80
  https_port                     = 443
  certificate_name_check_enabled = true
  priority                       = 1
  weight                         = 1000
}

resource "azurerm_cdn_frontdoor_route" "api_edge_api" {
  name                          = "api"
  cdn_frontdoor_endpoint_id     = azurerm_cdn_frontdoor_endpoint.api_edge.id
  cdn_frontdoor_origin_group_id = azurerm_cdn_frontdoor_origin_group.api_edge_api.id
  cdn_frontdoor_origin_ids      = [azurerm_cdn_frontdoor_origin.api_edge_api.id]
  cdn_frontdoor_rule_set_ids    = [azurerm_cdn_frontdoor_rule_set.api_edge.id]
  patterns_to_match             = ["/*"]
  supported_protocols           = ["Http", "Https"]
  https_redirect_enabled        = true
  forwarding_protocol           = "HttpsOnly"
  link_to_default_domain        = true
}

resource "azurerm_monitor_diagnostic_setting" "cdn_api_edge" {
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_cdn_frontdoor_profile.api_edge.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }
  enabled_metric {
    category = "AllMetrics"
  }
}
