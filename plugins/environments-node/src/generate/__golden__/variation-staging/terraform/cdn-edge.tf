data "aws_cloudfront_cache_policy" "edge_caching_optimized" {
  name = "Managed-CachingOptimized"
}

data "aws_cloudfront_cache_policy" "edge_caching_disabled" {
  name = "Managed-CachingDisabled"
}

data "aws_cloudfront_origin_request_policy" "edge_all_viewer_except_host" {
  name = "Managed-AllViewerExceptHostHeader"
}

resource "aws_cloudfront_origin_access_control" "edge" {
  name                              = "var-staging-edge"
  description                       = "Signed requests from edge to its buckets"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_response_headers_policy" "edge" {
  name    = "var-staging-edge"
  comment = "Security headers of edge"

  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 31536000
      include_subdomains         = true
      preload                    = true
      override                   = true
    }
    content_type_options {
      override = true
    }
    frame_options {
      frame_option = "DENY"
      override     = true
    }
    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }
    xss_protection {
      protection = true
      mode_block = true
      override   = true
    }
  }
}

resource "aws_cloudfront_distribution" "edge" {
  #checkov:skip=CKV_AWS_68:no WAF web ACL in the generated environment; attach one when the threat model needs it (it is not in the estimate)
  #checkov:skip=CKV2_AWS_47:no WAF web ACL in the generated environment, see CKV_AWS_68
  #checkov:skip=CKV_AWS_310:one origin per path; a failover origin would need a second region
  #checkov:skip=CKV_AWS_374:the audience is not restricted by country
  #checkov:skip=CKV_AWS_174:served on the cloudfront.net name with the default certificate until a custom domain and certificate are added
  #checkov:skip=CKV2_AWS_42:served on the cloudfront.net name with the default certificate until a custom domain and certificate are added
  comment             = "var-staging edge"
  enabled             = true
  is_ipv6_enabled     = true
  http_version        = "http2and3"
  price_class         = "PriceClass_100"
  default_root_object = "index.html"

  origin {
    origin_id                = "assets"
    domain_name              = aws_s3_bucket.assets.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.edge.id
  }
  origin {
    origin_id   = "api"
    domain_name = var.edge_api_origin_domain

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
  default_cache_behavior {
    target_origin_id           = "assets"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.edge_caching_optimized.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.edge.id
  }
  ordered_cache_behavior {
    path_pattern               = "/api/*"
    target_origin_id           = "api"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.edge_caching_disabled.id
    origin_request_policy_id   = data.aws_cloudfront_origin_request_policy.edge_all_viewer_except_host.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.edge.id
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
  logging_config {
    bucket          = aws_s3_bucket.access_logs.bucket_domain_name
    prefix          = "cloudfront/edge/"
    include_cookies = false
  }
  tags = {
    "terrace:component" = "edge"
  }
  depends_on = [aws_s3_bucket_acl.access_logs]
}
