# TencentDB for PostgreSQL read-only group networks, for the tencentcloud provider (Terraform 1.5+ import blocks).
# Regions: ap-guangzhou
# Scope: line break
# Generated at: 2026-01-02T03:04:05.000Z
# Networks: 1

# a resource "x" "y" {} (pgrogrp-"${var.x}"\) in ap-guangzhou: 10.0.0.5:5432
resource "tencentcloud_postgresql_readonly_group_network_access_attachment" "a_resource_x_y_10_0_0_5" {
  db_instance_id    = "postgres-abc"
  readonly_group_id = "pgrogrp-\"$${var.x}\"\\"
  vpc_id            = "vpc-gaestjaf"
  subnet_id         = "subnet-4s9dejli"
  is_assign_vip     = true
  vip               = "10.0.0.5"

  # The provider does not read is_assign_vip back: without this, the import would plan to replace the network.
  lifecycle {
    ignore_changes = [is_assign_vip]
  }
}

import {
  to = tencentcloud_postgresql_readonly_group_network_access_attachment.a_resource_x_y_10_0_0_5
  id = "postgres-abc#pgrogrp-\"$${var.x}\"\\#vpc-gaestjaf#10.0.0.5#5432"
}
