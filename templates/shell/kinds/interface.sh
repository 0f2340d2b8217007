# Kind interface: an interface the topology gives the host. It must exist before anything changes;
# apply.sh never creates it, so it has no state entry.
prepare_interface() { has_link "$1" || die "interface $1 does not exist on this host"; }
