# TencentDB for PostgreSQL read-only group networks, for the tencentcloud provider (Terraform 1.5+ import blocks).
# Regions: ap-guangzhou, ap-shanghai
# Scope: all
# Generated at: 2026-01-02T03:04:05.000Z
# Networks: 2

provider "tencentcloud" {
  alias  = "ap_guangzhou"
  region = "ap-guangzhou"
}

provider "tencentcloud" {
  alias  = "ap_shanghai"
  region = "ap-shanghai"
}

# a (pgrogrp-1) in ap-guangzhou: 10.0.0.5:5432
resource "tencentcloud_postgresql_readonly_group_network_access_attachment" "a_10_0_0_5" {
  provider          = tencentcloud.ap_guangzhou
  db_instance_id    = "postgres-abc"
  readonly_group_id = "pgrogrp-1"
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
  provider = tencentcloud.ap_guangzhou
  to       = tencentcloud_postgresql_readonly_group_network_access_attachment.a_10_0_0_5
  id       = "postgres-abc#pgrogrp-1#vpc-gaestjaf#10.0.0.5#5432"
}

# b (pgrogrp-2) in ap-shanghai: 10.1.0.5:5432
resource "tencentcloud_postgresql_readonly_group_network_access_attachment" "b_10_1_0_5" {
  provider          = tencentcloud.ap_shanghai
  db_instance_id    = "postgres-abc"
  readonly_group_id = "pgrogrp-2"
  vpc_id            = "vpc-gaestjaf"
  subnet_id         = "subnet-4s9dejli"
  is_assign_vip     = true
  vip               = "10.1.0.5"

  # The provider does not read is_assign_vip back: without this, the import would plan to replace the network.
  lifecycle {
    ignore_changes = [is_assign_vip]
  }
}

import {
  provider = tencentcloud.ap_shanghai
  to       = tencentcloud_postgresql_readonly_group_network_access_attachment.b_10_1_0_5
  id       = "postgres-abc#pgrogrp-2#vpc-gaestjaf#10.1.0.5#5432"
}
