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

output "docs_connection_string" {
  description = "docs: standard SRV connection string (no credentials)"
  value       = mongodbatlas_advanced_cluster.docs.connection_strings[0].standard_srv
}

output "docs_app_secret_arn" {
  description = "docs: Secrets Manager secret holding the application user's password"
  value       = aws_secretsmanager_secret.docs_app.arn
}

output "cache_endpoint" {
  description = "cache: Redis primary endpoint (TLS)"
  value       = aws_elasticache_replication_group.cache.primary_endpoint_address
}

output "assets_bucket" {
  description = "assets: S3 bucket name"
  value       = aws_s3_bucket.assets.id
}

output "uploads_bucket" {
  description = "uploads: S3 bucket name"
  value       = aws_s3_bucket.uploads.id
}

output "edge_domain_name" {
  description = "edge: CloudFront domain name"
  value       = aws_cloudfront_distribution.edge.domain_name
}

output "api_url" {
  description = "api: load balancer address (point the certificate's DNS name here)"
  value       = "https://${aws_lb.api_alb.dns_name}"
}

output "workers_url" {
  description = "workers: load balancer address (point the certificate's DNS name here)"
  value       = "https://${aws_lb.workers_alb.dns_name}"
}

output "images_repository_url" {
  description = "images: ECR repository URL"
  value       = aws_ecr_repository.images.repository_url
}

output "app_parameter_arns" {
  description = "app: SSM parameters to fill in"
  value       = [aws_ssm_parameter.app_stripe_key.arn, aws_ssm_parameter.app_jwt_secret.arn]
}
