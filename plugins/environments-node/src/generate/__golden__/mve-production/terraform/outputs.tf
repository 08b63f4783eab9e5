output "alarm_topic_arn" {
  description = "SNS topic every alarm notifies"
  value       = aws_sns_topic.alarms.arn
}

output "kms_key_arn" {
  description = "Customer managed key encrypting the environment"
  value       = aws_kms_key.main.arn
}

output "vpc_id" {
  description = "VPC of the environment"
  value       = aws_vpc.main.id
}

output "private_subnet_ids" {
  description = "Private subnets (services, VM groups)"
  value       = aws_subnet.private[*].id
}

output "data_subnet_ids" {
  description = "Data subnets (databases, caches)"
  value       = aws_subnet.data[*].id
}

output "ecs_cluster_name" {
  description = "ECS cluster of the services"
  value       = aws_ecs_cluster.main.name
}

output "db_endpoint" {
  description = "db: PostgreSQL endpoint (host:port)"
  value       = aws_db_instance.db.endpoint
}

output "db_master_secret_arn" {
  description = "db: Secrets Manager secret holding the master credentials"
  value       = aws_secretsmanager_secret.db_master.arn
}

output "cache_endpoint" {
  description = "cache: Redis primary endpoint (TLS)"
  value       = aws_elasticache_replication_group.cache.primary_endpoint_address
}

output "cache_auth_secret_arn" {
  description = "cache: Secrets Manager secret holding the AUTH token"
  value       = aws_secretsmanager_secret.cache_auth.arn
}

output "backend_url" {
  description = "backend: load balancer address (point the certificate's DNS name here)"
  value       = "https://${aws_lb.backend_alb.dns_name}"
}

output "static_bucket" {
  description = "static: S3 bucket name"
  value       = aws_s3_bucket.static.id
}

output "documents_bucket" {
  description = "documents: S3 bucket name"
  value       = aws_s3_bucket.documents.id
}

output "attachments_bucket" {
  description = "attachments: S3 bucket name"
  value       = aws_s3_bucket.attachments.id
}

output "web_domain_name" {
  description = "web: CloudFront domain name"
  value       = aws_cloudfront_distribution.web.domain_name
}
