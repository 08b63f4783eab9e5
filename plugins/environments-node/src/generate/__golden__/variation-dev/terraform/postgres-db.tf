resource "aws_security_group" "db" {
  name        = "var-dev-db"
  description = "PostgreSQL db: reachable only from the environment's services"
  vpc_id      = aws_vpc.main.id
  tags = {
    Name                = "var-dev-db"
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
  name        = "var-dev-db"
  description = "Data subnets of var-dev"
  subnet_ids  = aws_subnet.data[*].id
  tags = {
    "terrace:component" = "db"
  }
}

resource "aws_db_parameter_group" "db" {
  name        = "var-dev-db"
  family      = "postgres16"
  description = "PostgreSQL 16 for var-dev-db: TLS only, DDL and slow query logging"

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
    name = "var-dev/db/master-"
  }
}

resource "random_password" "db_master" {
  length           = 32
  special          = true
  override_special = "!#$%&*()-_=+[]{}<>:?"
}

resource "aws_secretsmanager_secret" "db_master" {
  #checkov:skip=CKV2_AWS_57:rotation needs a rotation function in the VPC; rotate by replacing the random_password and applying
  name                    = "var-dev/db/master-${random_id.db_master_secret_name.hex}"
  description             = "Master credentials of var-dev-db"
  kms_key_id              = aws_kms_key.main.arn
  recovery_window_in_days = 7
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

resource "random_id" "db_final_snapshot" {
  byte_length = 4
  keepers = {
    identifier = "var-dev-db"
  }
}

resource "aws_db_instance" "db" {
  #checkov:skip=CKV_AWS_353:the dev tier preset leaves Performance Insights off for throwaway databases; staging and prod turn it on
  #checkov:skip=CKV_AWS_118:enhanced monitoring is off in the dev tier to save its CloudWatch cost
  #checkov:skip=CKV_AWS_293:deletion protection is on in prod only; dev environments are torn down freely
  #checkov:skip=CKV_AWS_157:highAvailability is off in this dev spec: single-AZ halves the database cost
  identifier                          = "var-dev-db"
  engine                              = "postgres"
  engine_version                      = "16"
  allocated_storage                   = 20
  username                            = "terrace_admin"
  password                            = random_password.db_master.result
  db_subnet_group_name                = aws_db_subnet_group.db.name
  multi_az                            = false
  backup_retention_period             = 1
  backup_window                       = "16:00-17:00"
  maintenance_window                  = "sun:17:30-sun:18:30"
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "var-dev-db-final-${random_id.db_final_snapshot.hex}"
  instance_class                      = "db.t3.micro"
  storage_type                        = "gp3"
  max_allocated_storage               = 50
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.main.arn
  vpc_security_group_ids              = [aws_security_group.db.id]
  parameter_group_name                = aws_db_parameter_group.db.name
  publicly_accessible                 = false
  iam_database_authentication_enabled = true
  deletion_protection                 = false
  auto_minor_version_upgrade          = true
  copy_tags_to_snapshot               = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  performance_insights_enabled        = false
  monitoring_interval                 = 0
  apply_immediately                   = false
  tags = {
    "terrace:component" = "db"
  }
}

resource "aws_cloudwatch_metric_alarm" "db_cpu_high" {
  alarm_name          = "var-dev/db/cpu-high"
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
  alarm_name          = "var-dev/db/free-storage-low"
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
  alarm_name          = "var-dev/db/connections-high"
  alarm_description   = "Connections above 80% of the instance maximum"
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  statistic           = "Maximum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 89
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
