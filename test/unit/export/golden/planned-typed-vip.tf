# 报表 (pgrogrp-4t9c6g7k) in ap-guangzhou
resource "tencentcloud_postgresql_readonly_group_network_access_attachment" "pgrogrp-4t9c6g7k_10_0_0_9" {
  db_instance_id    = "postgres-abc"
  readonly_group_id = "pgrogrp-4t9c6g7k"
  vpc_id            = "vpc-gaestjaf"
  subnet_id         = "subnet-4s9dejli"
  is_assign_vip     = true
  vip               = "10.0.0.9"
}
