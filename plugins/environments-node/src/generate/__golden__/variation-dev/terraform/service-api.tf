resource "aws_security_group" "api" {
  name        = "var-dev-api"
  description = "Service api: from its load balancer, HTTPS out"
  vpc_id      = aws_vpc.main.id
  tags = {
    Name                = "var-dev-api"
    "terrace:component" = "api"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_egress_rule" "api_https_out" {
  security_group_id = aws_security_group.api.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to container registries and AWS APIs"
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_security_group" "api_alb" {
  name        = "var-dev-api-alb"
  description = "Load balancer of api: HTTPS in, api targets out"
  vpc_id      = aws_vpc.main.id
  tags = {
    Name                = "var-dev-api-alb"
    "terrace:component" = "api"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "api_alb_https" {
  security_group_id = aws_security_group.api_alb.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS from clients"
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_vpc_security_group_ingress_rule" "api_alb_http" {
  #checkov:skip=CKV_AWS_260:port 80 only answers with a redirect to HTTPS
  security_group_id = aws_security_group.api_alb.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  description       = "HTTP from clients, redirected to HTTPS"
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_vpc_security_group_egress_rule" "api_alb_to_api" {
  security_group_id            = aws_security_group.api_alb.id
  referenced_security_group_id = aws_security_group.api.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "Load balancer to api"
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_vpc_security_group_ingress_rule" "api_from_alb" {
  security_group_id            = aws_security_group.api.id
  referenced_security_group_id = aws_security_group.api_alb.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "Load balancer to api"
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_lb" "api_alb" {
  #checkov:skip=CKV2_AWS_28:no WAF web ACL in the generated environment; attach one when the threat model needs it (it is not in the estimate)
  #checkov:skip=CKV_AWS_150:deletion protection is on in prod only; dev environments are torn down freely
  name                       = "var-dev-api"
  internal                   = false
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.api_alb.id]
  subnets                    = aws_subnet.public[*].id
  drop_invalid_header_fields = true
  enable_deletion_protection = false

  access_logs {
    bucket  = aws_s3_bucket.access_logs.id
    prefix  = "alb/api"
    enabled = true
  }
  tags = {
    "terrace:component" = "api"
  }
  depends_on = [aws_s3_bucket_policy.access_logs]
}

resource "aws_lb_target_group" "api" {
  #checkov:skip=CKV_AWS_378:TLS ends at the load balancer; targets listen on plain HTTP in private subnets
  name                 = "var-dev-api-tg"
  port                 = 8080
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = aws_vpc.main.id
  deregistration_delay = 30

  health_check {
    enabled             = true
    path                = "/health"
    protocol            = "HTTP"
    matcher             = "200-399"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
  tags = {
    "terrace:component" = "api"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "api_alb_https" {
  load_balancer_arn = aws_lb.api_alb.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.api_certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_lb_listener" "api_alb_http" {
  load_balancer_arn = aws_lb.api_alb.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_cloudwatch_log_group" "api" {
  #checkov:skip=CKV_AWS_338:the dev tier keeps service logs 7 days to bound log storage cost
  name              = "/terrace/var-dev/api"
  retention_in_days = 7
  kms_key_id        = aws_kms_key.main.arn
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_iam_role" "api_execution" {
  name        = "var-dev-api-execution"
  description = "Pulls the image, writes logs and reads the environment's secrets for api"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "ecs-tasks.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_iam_role_policy" "api_execution" {
  name = "task-execution"
  role = aws_iam_role.api_execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "RegistryLogin"
        Effect   = "Allow"
        Action   = "ecr:GetAuthorizationToken"
        Resource = "*"
      },
      {
        Sid      = "PullImages"
        Effect   = "Allow"
        Action   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
        Resource = "arn:${data.aws_partition.current.partition}:ecr:${var.region}:${data.aws_caller_identity.current.account_id}:repository/var-dev-*"
      },
      {
        Sid      = "WriteLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.api.arn}:*"
      },
      {
        Sid    = "ReadEnvironmentSecrets"
        Effect = "Allow"
        Action = ["ssm:GetParameters", "secretsmanager:GetSecretValue"]
        Resource = [
          "arn:${data.aws_partition.current.partition}:ssm:${var.region}:${data.aws_caller_identity.current.account_id}:parameter/var-dev/*",
          "arn:${data.aws_partition.current.partition}:secretsmanager:${var.region}:${data.aws_caller_identity.current.account_id}:secret:var-dev/*",
        ]
      },
      {
        Sid      = "DecryptEnvironmentSecrets"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = aws_kms_key.main.arn
      },
    ]
  })
}

resource "aws_iam_role" "api_task" {
  name        = "var-dev-api-task"
  description = "Role of the api containers: no permissions until the application needs some"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "ecs-tasks.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_ecs_task_definition" "api" {
  family                   = "var-dev-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  execution_role_arn       = aws_iam_role.api_execution.arn
  task_role_arn            = aws_iam_role.api_task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([
    {
      name                   = "api"
      image                  = "nginx:stable"
      essential              = true
      readonlyRootFilesystem = true
      mountPoints = [
        {
          sourceVolume  = "tmp"
          containerPath = "/tmp"
          readOnly      = false
        },
      ]
      portMappings = [
        {
          containerPort = 8080
          protocol      = "tcp"
        },
      ]
      secrets = [
        {
          name      = "STRIPE_KEY"
          valueFrom = aws_ssm_parameter.app_stripe_key.arn
        },
        {
          name      = "JWT_SECRET"
          valueFrom = aws_ssm_parameter.app_jwt_secret.arn
        },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.api.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "api"
        }
      }
    },
  ])

  volume {
    name = "tmp"
  }
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_ecs_service" "api" {
  name                              = "var-dev-api"
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.api.arn
  desired_count                     = 1
  launch_type                       = "FARGATE"
  platform_version                  = "LATEST"
  health_check_grace_period_seconds = 60
  propagate_tags                    = "SERVICE"
  enable_ecs_managed_tags           = true

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.api.id]
    assign_public_ip = false
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.api.arn
    container_name   = "api"
    container_port   = 8080
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  tags = {
    "terrace:component" = "api"
  }

  lifecycle {
    ignore_changes = [desired_count]
  }
  depends_on = [aws_lb_listener.api_alb_https]
}

resource "aws_appautoscaling_target" "api" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.api.name}"
  min_capacity       = 1
  max_capacity       = 2
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_appautoscaling_policy" "api_cpu" {
  name               = "var-dev-api-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.api.service_namespace
  scalable_dimension = aws_appautoscaling_target.api.scalable_dimension
  resource_id        = aws_appautoscaling_target.api.resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = 70
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "api_unhealthy_targets" {
  alarm_name          = "var-dev/api/unhealthy-targets"
  alarm_description   = "At least one target failing its health check for 3 minutes"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  statistic           = "Maximum"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  period              = 60
  evaluation_periods  = 3
  treat_missing_data  = "notBreaching"
  dimensions = {
    LoadBalancer = aws_lb.api_alb.arn_suffix
    TargetGroup  = aws_lb_target_group.api.arn_suffix
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_cloudwatch_metric_alarm" "api_5xx_high" {
  alarm_name          = "var-dev/api/5xx-high"
  alarm_description   = "More than 10 server errors (5xx) from targets in 5 minutes"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  statistic           = "Sum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 10
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  dimensions = {
    LoadBalancer = aws_lb.api_alb.arn_suffix
    TargetGroup  = aws_lb_target_group.api.arn_suffix
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_cloudwatch_metric_alarm" "api_cpu_high" {
  alarm_name          = "var-dev/api/cpu-high"
  alarm_description   = "CPU above 80% for 15 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 3
  treat_missing_data  = "notBreaching"
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.api.name
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "api"
  }
}

resource "aws_cloudwatch_metric_alarm" "api_memory_high" {
  alarm_name          = "var-dev/api/memory-high"
  alarm_description   = "Memory above 80% for 15 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 3
  treat_missing_data  = "notBreaching"
  dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.api.name
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "api"
  }
}
