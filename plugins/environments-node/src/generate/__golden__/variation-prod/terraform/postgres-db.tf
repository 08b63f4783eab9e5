resource "aws_security_group" "db" {
  name        = "var-prod-db"
  description = "PostgreSQL db: reachable only from the environment's services"
  vpc_id      = aws_vpc.main.id
  tags = {
    Name                = "var-prod-db"
    "terrace:component" = "db"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "db_from_api" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.api.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "api to db"
  tags = {
    "terrace:component" = "db"
  }
}

resource "aws_vpc_security_group_egress_rule" "api_to_db" {
  security_group_id            = aws_security_group.api.id
  referenced_security_group_id = aws_security_group.db.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "api to db"
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_vpc_security_group_ingress_rule" "db_from_workers" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.workers.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "workers to db"
  tags = {
    "terrace:component" = "db"
  }
}

resource "aws_vpc_security_group_egress_rule" "workers_to_db" {
  security_group_id            = aws_security_group.workers.id
  referenced_security_group_id = aws_security_group.db.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "workers to db"
  tags = {
    "terrace:component" = "workers"
  }
}

resource "aws_db_subnet_group" "db" {
  name        = "var-prod-db"
  description = "Data subnets of var-prod"
  subnet_ids  = aws_subnet.data[*].id
  tags = {
    "terrace:component" = "db"
  }
}

resource "aws_db_parameter_group" "db" {
  name        = "var-prod-db"
  family      = "postgres16"
  description = "PostgreSQL 16 for var-prod-db: TLS only, DDL and slow query logging"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
  parameter {
    name  = "log_statement"
    value = "ddl"
  }
  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
  tags = {
    "terrace:component" = "db"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "random_id" "db_master_secret_name" {
  byte_length = 4
  keepers = {
    name = "var-prod/db/master-"
  }
}

resource "random_password" "db_master" {
  length           = 32
  special          = true
  override_special = "!#$%&*()-_=+[]{}<>:?"
}

resource "aws_secretsmanager_secret" "db_master" {
  #checkov:skip=CKV2_AWS_57:rotation needs a rotation function in the VPC; rotate by replacing the random_password and applying
  name                    = "var-prod/db/master-${random_id.db_master_secret_name.hex}"
  description             = "Master credentials of var-prod-db"
  kms_key_id              = aws_kms_key.main.arn
  recovery_window_in_days = 30
  tags = {
    "terrace:component" = "db"
  }
}

resource "aws_secretsmanager_secret_version" "db_master" {
  secret_id = aws_secretsmanager_secret.db_master.id
  secret_string = jsonencode({
    engine   = "postgres"
    username = "terrace_admin"
    password = random_password.db_master.result
    host     = aws_db_instance.db.address
    port     = 5432
    dbname   = "postgres"
  })
}

resource "aws_iam_role" "db_monitoring" {
  name = "var-prod-db-rds-monitoring"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "monitoring.rds.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
  tags = {
    "terrace:component" = "db"
  }
}

resource "aws_iam_role_policy_attachment" "db_monitoring" {
  role       = aws_iam_role.db_monitoring.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "random_id" "db_final_snapshot" {
  byte_length = 4
  keepers = {
    identifier = "var-prod-db"
  }
}

resource "aws_db_instance" "db" {
  identifier                            = "var-prod-db"
  engine                                = "postgres"
  engine_version                        = "16"
  allocated_storage                     = 20
  username                              = "terrace_admin"
  password                              = random_password.db_master.result
  db_subnet_group_name                  = aws_db_subnet_group.db.name
  multi_az                              = true
  backup_retention_period               = 14
  backup_window                         = "16:00-17:00"
  maintenance_window                    = "sun:17:30-sun:18:30"
  skip_final_snapshot                   = false
  final_snapshot_identifier             = "var-prod-db-final-${random_id.db_final_snapshot.hex}"
  instance_class                        = "db.r6g.large"
  storage_type                          = "gp3"
  max_allocated_storage                 = 200
  storage_encrypted                     = true
  kms_key_id                            = aws_kms_key.main.arn
  vpc_security_group_ids                = [aws_security_group.db.id]
  parameter_group_name                  = aws_db_parameter_group.db.name
  publicly_accessible                   = false
  iam_database_authentication_enabled   = true
  deletion_protection                   = true
  auto_minor_version_upgrade            = true
  copy_tags_to_snapshot                 = true
  enabled_cloudwatch_logs_exports       = ["postgresql", "upgrade"]
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = aws_kms_key.main.arn
  performance_insights_retention_period = 7
  monitoring_interval                   = 60
  monitoring_role_arn                   = aws_iam_role.db_monitoring.arn
  apply_immediately                     = false
  tags = {
    "terrace:component" = "db"
  }
}

resource "aws_db_instance" "db_replica" {
  #checkov:skip=CKV_AWS_157:read replicas scale reads; availability comes from the Multi-AZ primary
  #checkov:skip=CKV_AWS_133:RDS for PostgreSQL read replicas take no automated backups; the primary is backed up
  count                                 = 1
  identifier                            = "var-prod-db-replica-${count.index}"
  replicate_source_db                   = aws_db_instance.db.identifier
  multi_az                              = false
  backup_retention_period               = 0
  skip_final_snapshot                   = true
  instance_class                        = "db.r6g.large"
  storage_type                          = "gp3"
  max_allocated_storage                 = 200
  storage_encrypted                     = true
  kms_key_id                            = aws_kms_key.main.arn
  vpc_security_group_ids                = [aws_security_group.db.id]
  parameter_group_name                  = aws_db_parameter_group.db.name
  publicly_accessible                   = false
  iam_database_authentication_enabled   = true
  deletion_protection                   = true
  auto_minor_version_upgrade            = true
  copy_tags_to_snapshot                 = true
  enabled_cloudwatch_logs_exports       = ["postgresql", "upgrade"]
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = aws_kms_key.main.arn
  performance_insights_retention_period = 7
  monitoring_interval                   = 60
  monitoring_role_arn                   = aws_iam_role.db_monitoring.arn
  apply_immediately                     = false
  tags = {
    "terrace:role"      = "read-replica"
    "terrace:component" = "db"
  }
}

resource "aws_cloudwatch_metric_alarm" "db_cpu_high" {
  alarm_name          = "var-prod/db/cpu-high"
  alarm_description   = "Database CPU above 80% for 15 minutes"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 3
  treat_missing_data  = "notBreaching"
  dimensions = {
    DBInstanceIdentifier = aws_db_instance.db.identifier
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "db"
  }
}

resource "aws_cloudwatch_metric_alarm" "db_free_storage_low" {
  alarm_name          = "var-prod/db/free-storage-low"
  alarm_description   = "Free storage below 10% of allocated storage"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  statistic           = "Minimum"
  comparison_operator = "LessThanThreshold"
  threshold           = 2147483648
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  dimensions = {
    DBInstanceIdentifier = aws_db_instance.db.identifier
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "db"
  }
}

resource "aws_cloudwatch_metric_alarm" "db_connections_high" {
  alarm_name          = "var-prod/db/connections-high"
  alarm_description   = "Connections above 80% of the instance maximum"
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  statistic           = "Maximum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 1441
  period              = 300
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  dimensions = {
    DBInstanceIdentifier = aws_db_instance.db.identifier
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "db"
  }
}

resource "aws_cloudwatch_metric_alarm" "db_replica_lag_high" {
  alarm_name          = "var-prod/db/replica-lag-high"
  alarm_description   = "Read replica more than 60 seconds behind"
  namespace           = "AWS/RDS"
  metric_name         = "ReplicaLag"
  statistic           = "Maximum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 60
  period              = 60
  evaluation_periods  = 5
  treat_missing_data  = "notBreaching"
  dimensions = {
    DBInstanceIdentifier = aws_db_instance.db_replica[0].identifier
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "db"
  }
}
