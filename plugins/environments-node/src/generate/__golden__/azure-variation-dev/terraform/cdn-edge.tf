resource "azurerm_cdn_frontdoor_profile" "edge" {
  name                     = "afd-azvar-dev-edge"
  resource_group_name      = azurerm_resource_group.main.name
  sku_name                 = "Standard_AzureFrontDoor"
  response_timeout_seconds = 60
  tags = {
    "terrace:environment" = "azvar-dev"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "dev"
    "terrace:component"   = "edge"
  }
}

resource "azurerm_cdn_frontdoor_endpoint" "edge" {
  name                     = "fde-azvar-dev-edge"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.edge.id
  enabled                  = true
  tags = {
    "terrace:environment" = "azvar-dev"
    "terrace:managed-by"  = "terrace"
    "terrace:owner"       = "group:default/platform"
    "terrace:system"      = "variations"
    "terrace:tier"        = "dev"
    "terrace:component"   = "edge"
  }
}

resource "azurerm_cdn_frontdoor_origin_group" "edge" {
  name                     = "blobs"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.edge.id
  session_affinity_enabled = false

  load_balancing {
    sample_size                 = 4
    successful_samples_required = 3
  }
  health_probe {
    interval_in_seconds = 100
    path                = "/"
    protocol            = "Https"
    request_type        = "HEAD"
  }
}

resource "azurerm_cdn_frontdoor_origin" "edge" {
  name                           = "public-storage"
  cdn_frontdoor_origin_group_id  = azurerm_cdn_frontdoor_origin_group.edge.id
  enabled                        = true
  host_name                      = azurerm_storage_account.public.primary_blob_host
  origin_host_header             = azurerm_storage_account.public.primary_blob_host
  http_port                      = 80
  https_port                     = 443
  certificate_name_check_enabled = true
  priority                       = 1
  weight                         = 1000
}

resource "azurerm_cdn_frontdoor_rule_set" "edge" {
  name                     = "securityheaders"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.edge.id
}

resource "azurerm_cdn_frontdoor_rule" "edge" {
  name                      = "securityheaders"
  cdn_frontdoor_rule_set_id = azurerm_cdn_frontdoor_rule_set.edge.id
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

resource "azurerm_cdn_frontdoor_route" "edge_assets" {
  name                          = "assets"
  cdn_frontdoor_endpoint_id     = azurerm_cdn_frontdoor_endpoint.edge.id
  cdn_frontdoor_origin_group_id = azurerm_cdn_frontdoor_origin_group.edge.id
  cdn_frontdoor_origin_ids      = [azurerm_cdn_frontdoor_origin.edge.id]
  cdn_frontdoor_rule_set_ids    = [azurerm_cdn_frontdoor_rule_set.edge.id]
  patterns_to_match             = ["/*"]
  cdn_frontdoor_origin_path     = "/assets"
  supported_protocols           = ["Http", "Https"]
  https_redirect_enabled        = true
  forwarding_protocol           = "HttpsOnly"
  link_to_default_domain        = true

  cache {
    query_string_caching_behavior = "IgnoreQueryString"
    compression_enabled           = true
    content_types_to_compress     = ["application/javascript", "application/json", "image/svg+xml", "text/css", "text/html", "text/plain"]
  }
}

resource "azurerm_cdn_frontdoor_route" "edge_media" {
  name                          = "media"
  cdn_frontdoor_endpoint_id     = azurerm_cdn_frontdoor_endpoint.edge.id
  cdn_frontdoor_origin_group_id = azurerm_cdn_frontdoor_origin_group.edge.id
  cdn_frontdoor_origin_ids      = [azurerm_cdn_frontdoor_origin.edge.id]
  cdn_frontdoor_rule_set_ids    = [azurerm_cdn_frontdoor_rule_set.edge.id]
  patterns_to_match             = ["/media/*"]
  supported_protocols           = ["Http", "Https"]
  https_redirect_enabled        = true
  forwarding_protocol           = "HttpsOnly"
  link_to_default_domain        = true

  cache {
    query_string_caching_behavior = "IgnoreQueryString"
    compression_enabled           = true
    content_types_to_compress     = ["application/javascript", "application/json", "image/svg+xml", "text/css", "text/html", "text/plain"]
  }
}

resource "azurerm_cdn_frontdoor_origin_group" "edge_api" {
  name                     = "api"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.edge.id
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

resource "azurerm_cdn_frontdoor_origin" "edge_api" {
  name                           = "api"
  cdn_frontdoor_origin_group_id  = azurerm_cdn_frontdoor_origin_group.edge_api.id
  enabled                        = true
  host_name                      = azurerm_container_app.api.ingress[0].fqdn
  origin_host_header             = azurerm_container_app.api.ingress[0].fqdn
  http_port                      = 80
  https_port                     = 443
  certificate_name_check_enabled = true
  priority                       = 1
  weight                         = 1000
}

resource "azurerm_cdn_frontdoor_route" "edge_api" {
  name                          = "api"
  cdn_frontdoor_endpoint_id     = azurerm_cdn_frontdoor_endpoint.edge.id
  cdn_frontdoor_origin_group_id = azurerm_cdn_frontdoor_origin_group.edge_api.id
  cdn_frontdoor_origin_ids      = [azurerm_cdn_frontdoor_origin.edge_api.id]
  cdn_frontdoor_rule_set_ids    = [azurerm_cdn_frontdoor_rule_set.edge.id]
  patterns_to_match             = ["/api/*"]
  supported_protocols           = ["Http", "Https"]
  https_redirect_enabled        = true
  forwarding_protocol           = "HttpsOnly"
  link_to_default_domain        = true
}

resource "azurerm_monitor_diagnostic_setting" "cdn_edge" {
  name                       = "terrace-log-analytics"
  target_resource_id         = azurerm_cdn_frontdoor_profile.edge.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }
  enabled_metric {
    category = "AllMetrics"
  }
}
