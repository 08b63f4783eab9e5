resource "aws_security_group" "cache" {
  name        = "mve-production-cache"
  description = "Redis cache: reachable only from the environment's services"
  vpc_id      = aws_vpc.main.id
  tags = {
    Name                = "mve-production-cache"
    "terrace:component" = "cache"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "cache_from_backend" {
  security_group_id            = aws_security_group.cache.id
  referenced_security_group_id = aws_security_group.backend.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  description                  = "backend to cache"
  tags = {
    "terrace:component" = "cache"
  }
}

resource "aws_vpc_security_group_egress_rule" "backend_to_cache" {
  security_group_id            = aws_security_group.backend.id
  referenced_security_group_id = aws_security_group.cache.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  description                  = "backend to cache"
  tags = {
    "terrace:component" = "backend"
  }
}

resource "aws_elasticache_subnet_group" "cache" {
  name        = "mve-production-cache"
  description = "Data subnets of mve-production"
  subnet_ids  = aws_subnet.data[*].id
  tags = {
    "terrace:component" = "cache"
  }
}

resource "aws_elasticache_parameter_group" "cache" {
  name        = "mve-production-cache"
  family      = "redis7"
  description = "Redis for mve-production-cache: eviction policy allkeys-lru"

  parameter {
    name  = "maxmemory-policy"
    value = "allkeys-lru"
  }
  tags = {
    "terrace:component" = "cache"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "random_id" "cache_auth_secret_name" {
  byte_length = 4
  keepers = {
    name = "mve-production/cache/auth-token-"
  }
}

resource "random_password" "cache_auth" {
  length  = 64
  special = false
}

resource "aws_secretsmanager_secret" "cache_auth" {
  #checkov:skip=CKV2_AWS_57:rotation needs a rotation function in the VPC; rotate by replacing the random_password and applying
  name                    = "mve-production/cache/auth-token-${random_id.cache_auth_secret_name.hex}"
  description             = "AUTH token of mve-production-cache"
  kms_key_id              = aws_kms_key.main.arn
  recovery_window_in_days = 30
  tags = {
    "terrace:component" = "cache"
  }
}

resource "aws_secretsmanager_secret_version" "cache_auth" {
  secret_id     = aws_secretsmanager_secret.cache_auth.id
  secret_string = random_password.cache_auth.result
}

resource "aws_elasticache_replication_group" "cache" {
  #checkov:skip=CKV2_AWS_50:no replicas in the spec for cache: a single node has nothing to fail over to
  replication_group_id       = "mve-production-cache"
  description                = "Redis cache of mve-production"
  engine                     = "redis"
  engine_version             = "7.0"
  node_type                  = "cache.t3.micro"
  num_cache_clusters         = 1
  port                       = 6379
  automatic_failover_enabled = false
  multi_az_enabled           = false
  subnet_group_name          = aws_elasticache_subnet_group.cache.name
  security_group_ids         = [aws_security_group.cache.id]
  parameter_group_name       = aws_elasticache_parameter_group.cache.name
  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.main.arn
  transit_encryption_enabled = true
  auth_token                 = random_password.cache_auth.result
  snapshot_retention_limit   = 7
  snapshot_window            = "16:00-17:00"
  maintenance_window         = "sun:17:30-sun:18:30"
  auto_minor_version_upgrade = true
  apply_immediately          = false
  tags = {
    "terrace:component" = "cache"
  }
}

resource "aws_cloudwatch_metric_alarm" "cache_cpu_high" {
  alarm_name          = "mve-production/cache/cpu-high"
  alarm_description   = "Engine CPU above 80% for 15 minutes"
  namespace           = "AWS/ElastiCache"
  metric_name         = "EngineCPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 3
  treat_missing_data  = "notBreaching"
  dimensions = {
    CacheClusterId = "${aws_elasticache_replication_group.cache.id}-001"
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "cache"
  }
}

resource "aws_cloudwatch_metric_alarm" "cache_memory_high" {
  alarm_name          = "mve-production/cache/memory-high"
  alarm_description   = "Memory use above 80%"
  namespace           = "AWS/ElastiCache"
  metric_name         = "DatabaseMemoryUsagePercentage"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 3
  treat_missing_data  = "notBreaching"
  dimensions = {
    CacheClusterId = "${aws_elasticache_replication_group.cache.id}-001"
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "cache"
  }
}

resource "aws_cloudwatch_metric_alarm" "cache_evictions" {
  alarm_name          = "mve-production/cache/evictions"
  alarm_description   = "Keys evicted for lack of memory"
  namespace           = "AWS/ElastiCache"
  metric_name         = "Evictions"
  statistic           = "Sum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  dimensions = {
    CacheClusterId = "${aws_elasticache_replication_group.cache.id}-001"
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "cache"
  }
}
