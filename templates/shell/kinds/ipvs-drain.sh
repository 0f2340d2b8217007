# Kind ipvs-drain, after the last ipvs operation: the real servers that left their service (set to
# weight 0 by ipvs_sync in kinds/ipvs.sh) are deleted once drained, all of them waited for together.
apply_ipvs_drain() { ipvs_drain; }
