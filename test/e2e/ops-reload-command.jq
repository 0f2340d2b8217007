# The shell command that applies a change of installed file $p on host $h, from a bundle's manifest
# (used by scenarios/ops-reload.sh and its self-test in ops-bundles.sh). Bundle format 2: the host's
# "change" actions that name the file, in order, each an argv, joined so that a failure stops the
# rest (as the Ansible role runs them). Format 1: the file's own "reload" shell command.
if .hosts[$h].actions then
  [.hosts[$h].actions[] | select(.on == "change" and ((.files // []) | index($p))) | .run | @sh] | join(" && ")
else
  .hosts[$h].files[] | select(.installPath == $p) | .reload // ""
end
