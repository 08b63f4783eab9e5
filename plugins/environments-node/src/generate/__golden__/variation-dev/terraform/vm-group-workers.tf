resource "aws_security_group" "workers" {
  name        = "var-dev-workers"
  description = "VM group workers: from its load balancer, HTTPS out"
  vpc_id      = aws_vpc.main.id
  tags = {
    Name                = "var-dev-workers"
    "terrace:component" = "workers"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_egress_rule" "workers_https_out" {
  security_group_id = aws_security_group.workers.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to package repositories and AWS APIs"
  tags = {
    "terrace:component" = "workers"
  }
}

resource "aws_security_group" "workers_alb" {
  name        = "var-dev-workers-alb"
  description = "Load balancer of workers: HTTPS in, workers targets out"
  vpc_id      = aws_vpc.main.id
  tags = {
    Name                = "var-dev-workers-alb"
    "terrace:component" = "workers"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "workers_alb_https" {
  security_group_id = aws_security_group.workers_alb.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS from clients"
  tags = {
    "terrace:component" = "workers"
  }
}

resource "aws_vpc_security_group_ingress_rule" "workers_alb_http" {
  #checkov:skip=CKV_AWS_260:port 80 only answers with a redirect to HTTPS
  security_group_id = aws_security_group.workers_alb.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  description       = "HTTP from clients, redirected to HTTPS"
  tags = {
    "terrace:component" = "workers"
  }
}

resource "aws_vpc_security_group_egress_rule" "workers_alb_to_workers" {
  security_group_id            = aws_security_group.workers_alb.id
  referenced_security_group_id = aws_security_group.workers.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "Load balancer to workers"
  tags = {
    "terrace:component" = "workers"
  }
}

resource "aws_vpc_security_group_ingress_rule" "workers_from_alb" {
  security_group_id            = aws_security_group.workers.id
  referenced_security_group_id = aws_security_group.workers_alb.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "Load balancer to workers"
  tags = {
    "terrace:component" = "workers"
  }
}

resource "aws_lb" "workers_alb" {
  #checkov:skip=CKV2_AWS_28:no WAF web ACL in the generated environment; attach one when the threat model needs it (it is not in the estimate)
  #checkov:skip=CKV_AWS_150:deletion protection is on in prod only; dev environments are torn down freely
  name                       = "var-dev-workers"
  internal                   = false
  load_balancer_type         = "application"
  security_groups            = [aws_security_group.workers_alb.id]
  subnets                    = aws_subnet.public[*].id
  drop_invalid_header_fields = true
  enable_deletion_protection = false

  access_logs {
    bucket  = aws_s3_bucket.access_logs.id
    prefix  = "alb/workers"
    enabled = true
  }
  tags = {
    "terrace:component" = "workers"
  }
  depends_on = [aws_s3_bucket_policy.access_logs]
}

resource "aws_lb_target_group" "workers" {
  #checkov:skip=CKV_AWS_378:TLS ends at the load balancer; targets listen on plain HTTP in private subnets
  name                 = "var-dev-workers-tg"
  port                 = 8080
  protocol             = "HTTP"
  target_type          = "instance"
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
    "terrace:component" = "workers"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "workers_alb_https" {
  load_balancer_arn = aws_lb.workers_alb.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.workers_certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.workers.arn
  }
  tags = {
    "terrace:component" = "workers"
  }
}

resource "aws_lb_listener" "workers_alb_http" {
  load_balancer_arn = aws_lb.workers_alb.arn
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
    "terrace:component" = "workers"
  }
}

data "aws_ssm_parameter" "workers_ami" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

resource "aws_iam_role" "workers_instance" {
  name        = "var-dev-workers-instance"
  description = "Instances of workers: Session Manager access and CloudWatch agent metrics only"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "ec2.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
  tags = {
    "terrace:component" = "workers"
  }
}

resource "aws_iam_role_policy_attachment" "workers_ssm" {
  role       = aws_iam_role.workers_instance.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_role_policy_attachment" "workers_cloudwatch_agent" {
  role       = aws_iam_role.workers_instance.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/CloudWatchAgentServerPolicy"
}

resource "aws_iam_instance_profile" "workers" {
  name = "var-dev-workers"
  role = aws_iam_role.workers_instance.name
  tags = {
    "terrace:component" = "workers"
  }
}

resource "aws_launch_template" "workers" {
  name                   = "var-dev-workers"
  image_id               = data.aws_ssm_parameter.workers_ami.insecure_value
  instance_type          = "t3.small"
  vpc_security_group_ids = [aws_security_group.workers.id]
  update_default_version = true
  user_data = base64encode(join("\n", [
    "#!/bin/bash",
    "set -euo pipefail",
    "dnf install -y amazon-cloudwatch-agent",
    "cat > /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json <<'JSON'",
    jsonencode({
      metrics = {
        namespace = "CWAgent"
        append_dimensions = {
          AutoScalingGroupName = "$${aws:AutoScalingGroupName}"
        }
        aggregation_dimensions = [["AutoScalingGroupName"]]
        metrics_collected = {
          mem = {
            measurement = ["mem_used_percent"]
          }
        }
      }
    }),
    "JSON",
    "/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json",
    "",
  ]))

  iam_instance_profile {
    arn = aws_iam_instance_profile.workers.arn
  }
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "enabled"
  }
  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = 20
      volume_type           = "gp3"
      encrypted             = true
      kms_key_id            = aws_kms_key.main.arn
      delete_on_termination = true
    }
  }
  monitoring {
    enabled = true
  }
  tag_specifications {
    resource_type = "instance"
    tags = {
      "terrace:component" = "workers"
    }
  }
  tag_specifications {
    resource_type = "volume"
    tags = {
      "terrace:component" = "workers"
    }
  }
  tags = {
    "terrace:component" = "workers"
  }
}

resource "aws_autoscaling_group" "workers" {
  name                      = "var-dev-workers"
  min_size                  = 1
  max_size                  = 3
  desired_capacity          = 1
  vpc_zone_identifier       = aws_subnet.private[*].id
  target_group_arns         = [aws_lb_target_group.workers.arn]
  health_check_type         = "ELB"
  health_check_grace_period = 120

  launch_template {
    id      = aws_launch_template.workers.id
    version = aws_launch_template.workers.latest_version
  }
  instance_refresh {
    strategy = "Rolling"

    preferences {
      min_healthy_percentage = 50
    }
  }
  tag {
    key                 = "terrace:environment"
    value               = "var-dev"
    propagate_at_launch = true
  }
  tag {
    key                 = "terrace:tier"
    value               = "dev"
    propagate_at_launch = true
  }
  tag {
    key                 = "terrace:owner"
    value               = "group:default/platform"
    propagate_at_launch = true
  }
  tag {
    key                 = "terrace:system"
    value               = "variations"
    propagate_at_launch = true
  }
  tag {
    key                 = "terrace:managed-by"
    value               = "terrace"
    propagate_at_launch = true
  }
  tag {
    key                 = "terrace:component"
    value               = "workers"
    propagate_at_launch = true
  }
  lifecycle {
    ignore_changes = [desired_capacity]
  }
}

resource "aws_autoscaling_policy" "workers_cpu" {
  name                   = "var-dev-workers-cpu"
  autoscaling_group_name = aws_autoscaling_group.workers.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    target_value = 70

    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "workers_unhealthy_targets" {
  alarm_name          = "var-dev/workers/unhealthy-targets"
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
    LoadBalancer = aws_lb.workers_alb.arn_suffix
    TargetGroup  = aws_lb_target_group.workers.arn_suffix
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "workers"
  }
}

resource "aws_cloudwatch_metric_alarm" "workers_5xx_high" {
  alarm_name          = "var-dev/workers/5xx-high"
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
    LoadBalancer = aws_lb.workers_alb.arn_suffix
    TargetGroup  = aws_lb_target_group.workers.arn_suffix
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "workers"
  }
}

resource "aws_cloudwatch_metric_alarm" "workers_cpu_high" {
  alarm_name          = "var-dev/workers/cpu-high"
  alarm_description   = "CPU above 80% for 15 minutes"
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 3
  treat_missing_data  = "notBreaching"
  dimensions = {
    AutoScalingGroupName = aws_autoscaling_group.workers.name
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "workers"
  }
}

resource "aws_cloudwatch_metric_alarm" "workers_memory_high" {
  alarm_name          = "var-dev/workers/memory-high"
  alarm_description   = "Memory above 80% for 15 minutes"
  namespace           = "CWAgent"
  metric_name         = "mem_used_percent"
  statistic           = "Average"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  period              = 300
  evaluation_periods  = 3
  treat_missing_data  = "notBreaching"
  dimensions = {
    AutoScalingGroupName = aws_autoscaling_group.workers.name
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
  tags = {
    "terrace:component" = "workers"
  }
}
