#!/usr/bin/env bash
# Scenario inplace: changes without drops, under long-lived TCP connections that send a line every 100 ms.
#
# Static manager (lab-dr and its variants built by run.sh): apply.sh of a version that changes the
# scheduler and a weight edits the service in place (ipvsadm -E/-e, the service is never deleted)
# and resets no connection; a version without rs3 drains it (weight 0, new connections avoid it,
# deleted once its connections close, before the drain timeout). keepalived manager (lab-ha): a
# SIGHUP reload that changes a weight keeps every connection; a planned stop (SIGTERM) of the MASTER,
# repeated back and forth, resets none with the bundle's keepalived.service drop-in
# (--dont-release-ipvs, services deleted after exit), and the same stops without the drop-in (the old
# configuration: the checker deletes the services while VRRP may still hold the VIP) must reset some:
# the self-test that proves the check can fail.
#   bash test/e2e/run.sh inplace
# In the guest: bash test/e2e/scenarios/inplace.sh
set -Eeuo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../e2e-lib.sh
source "$here/../e2e-lib.sh"
e2e_begin inplace lab-ha "$@"
run=$E2E_RUN/$E2E_NAME
# 6 stops each way: 10 took 590 s on a loaded machine; without the drop-in, 12 of 10 stops reset a connection there.
STOPS=${LVSCC_E2E_PLANNED_STOPS:-6}
CONNS=12

# --- the programs: an echo server that names itself (and answers GET like HTTP), and the client -------------
cat >"$run/echo.py" <<'PY'
import socket, socketserver, sys
name = sys.argv[2].encode()
class H(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            if line.startswith(b"GET "):
                self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n" + name + b"\n")
                return
            self.wfile.write(name + b" " + line)
class S(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
S(("0.0.0.0", int(sys.argv[1])), H).serve_forever()
PY
cat >"$run/longconn.py" <<'PY'
# longconn.py ADDR PORT CONNS STOPFILE: CONNS connections that each send a line every 100 ms until
# STOPFILE exists, then close cleanly; prints "sent= ok= resets= stalls= servers=" at the end.
import os, socket, sys, threading, time
addr, port, n, stop = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
lock = threading.Lock(); c = {"sent": 0, "ok": 0, "resets": 0, "stalls": 0}; servers = {}
opened = threading.Semaphore(0)
def one(i):
    for attempt in range(20):
        try: s = socket.create_connection((addr, port), timeout=5); break
        except OSError: time.sleep(0.5)
    else: raise SystemExit("cannot connect to %s:%d" % (addr, port))
    # recv, not makefile: after one timeout a socket file raises "cannot read from timed out object"
    # on every later read, which is a stall, not a reset.
    s.settimeout(3); buf = b""; first = True
    opened.release()
    while not os.path.exists(stop):
        try:
            s.sendall(b"ping %d\n" % i)
            with lock: c["sent"] += 1
            while b"\n" not in buf:
                chunk = s.recv(4096)
                if not chunk: raise ConnectionResetError("closed by the peer")
                buf += chunk
            line, buf = buf.split(b"\n", 1)
            with lock:
                c["ok"] += 1
                if first: servers[line.split()[0].decode()] = servers.get(line.split()[0].decode(), 0) + 1; first = False
        except socket.timeout:
            with lock: c["stalls"] += 1
        except (ConnectionResetError, BrokenPipeError) as e:
            with lock: c["resets"] += 1
            print("reset: conn %d: %s" % (i, e), flush=True); return
        time.sleep(0.1)
    s.shutdown(socket.SHUT_WR); s.close()
ts = [threading.Thread(target=one, args=(i,)) for i in range(n)]
for t in ts: t.start(); time.sleep(0.02)
for t in ts: opened.acquire()
print("ready %d" % n, flush=True)
for t in ts: t.join()
print("sent=%d ok=%d resets=%d stalls=%d servers=%s" % (c["sent"], c["ok"], c["resets"], c["stalls"],
      ",".join("%s:%d" % kv for kv in sorted(servers.items()))), flush=True)
PY
# echo_start NS...: the echo server on every address of each NS, port 80 (python starts slowly under TCG).
echo_start() {
	local ns
	for ns in "$@"; do
		ip netns exec "$ns" python3 "$run/echo.py" 80 "$ns" >"$run/echo-$ns.log" 2>&1 &
		E2E_EXTRA_PIDS+=($!)
	done
	for ns in "$@"; do lab_wait_listen "$ns" 0.0.0.0 80 60 || { cat "$run/echo-$ns.log"; return 1; }; done
}
# load_start NS VIP TAG: the long-lived connections from NS, in the background, once all are open.
load_start() {
	rm -f "$run/stop-$3"
	ip netns exec "$1" python3 "$run/longconn.py" "$2" 80 "$CONNS" "$run/stop-$3" >"$run/load-$3.log" 2>&1 &
	echo $! >"$run/load-$3.pid"
	lab_poll 60 grep -q '^ready' "$run/load-$3.log" || e2e_fail "$3: the long-lived connections did not open: $(tail -n 3 "$run/load-$3.log")"
}
# load_end TAG: stops the connections cleanly and prints their summary line.
load_end() {
	touch "$run/stop-$1"
	wait "$(<"$run/load-$1.pid")" 2>/dev/null || true
	tail -n 1 "$run/load-$1.log"
}
# resets_of SUMMARY: the resets= count.
resets_of() { sed -n 's/.*resets=\([0-9]*\).*/\1/p' <<<"$1"; }
# expect_no_resets MSG SUMMARY
expect_no_resets() {
	if [[ $2 == *" resets=0 stalls=0 "* ]] && [[ $2 != "sent=0 "* ]]; then e2e_ok "$1: $2"; else e2e_fail "$1: $2"; fi
}

# === static manager: apply.sh edits in place, and drains ======================================================
# LVSCC_E2E_INPLACE_PART=keepalived runs only the keepalived half (the lab is slow; for work on it).
if [[ ${LVSCC_E2E_INPLACE_PART:-all} != keepalived ]]; then
VIP=10.30.0.88
RS=(rs1 rs2 rs3)
e2e_hosts lan0 lvs "${RS[@]}" client1
ip -n client1 addr add 10.30.0.50/24 dev eth0
E2E_BUNDLE=$E2E_OUT/bundles/lab-dr
e2e_apply lvs "${RS[@]}"
echo_start "${RS[@]}"
e2e_phase "lab-dr applied; echo servers listen"

load_start client1 "$VIP" static
service_line() { ip netns exec lvs ipvsadm-save -n | grep '^-A '; }
before=$(ip netns exec lvs ipvsadm -Ln --stats --exact -t "$VIP:80" | awk '$1 == "TCP" { print $3 }')
e2e_run_script "$E2E_OUT/bundles/lab-dr-v2" lvs lvs apply || e2e_fail "apply.sh of v2 (wrr, rs2 weight 3) failed"
e2e_expect_eq "v2 changed the scheduler in place" "-A -t $VIP:80 -s wrr" "$(service_line)"
e2e_check "v2 gave rs2 weight 3" eval "ip netns exec lvs ipvsadm-save -n | grep -qx -- '-a -t $VIP:80 -r 10.30.0.22:80 -g -w 3'"
# Deleting the service would have zeroed its counters.
after=$(ip netns exec lvs ipvsadm -Ln --stats --exact -t "$VIP:80" | awk '$1 == "TCP" { print $3 }')
e2e_check "the service was not deleted (its connection counter went on: $before -> $after)" test "$after" -ge "$before"
sleep 2
expect_no_resets "long-lived connections across the scheduler and weight change" "$(load_end static)"
e2e_phase "in-place edit done"

# v3 leaves rs3 out: apply.sh sets it to weight 0 and waits for its connections.
load_start client1 "$VIP" drain
e2e_run_script "$E2E_OUT/bundles/lab-dr-v3" lvs lvs apply >/dev/null 2>&1 &
apply_pid=$!
weight0() { ip netns exec lvs ipvsadm-save -n | grep -qx -- "-a -t $VIP:80 -r 10.30.0.23:80 -g -w 0"; }
if lab_poll 60 weight0; then e2e_ok "v3: rs3 set to weight 0 while its connections drain"; else e2e_fail "v3: rs3 not at weight 0"; fi
e2e_requests client1 "http://$VIP/" 6
e2e_check "new requests avoid the draining rs3 ($(e2e_answers))" test -z "${E2E_ANSWERS[rs3]:-}"
e2e_check "apply.sh still waits for rs3's connections" kill -0 "$apply_pid"
summary=$(load_end drain)
t0=$SECONDS
if wait "$apply_pid"; then e2e_ok "apply.sh of v3 ended $((SECONDS - t0))s after rs3's connections closed"; else e2e_fail "apply.sh of v3 failed"; fi
e2e_check "rs3 is deleted after the drain" eval "! ip netns exec lvs ipvsadm-save -n | grep -q 10.30.0.23:80"
expect_no_resets "long-lived connections through the drain of rs3" "$summary"
e2e_run_script "$E2E_OUT/bundles/lab-dr-v3" lvs lvs teardown || e2e_fail "teardown.sh of v3 failed"
e2e_check "teardown after the in-place changes leaves no service" eval "[[ -z \$(ip netns exec lvs ipvsadm-save -n) ]]"
e2e_phase "drain done"
fi

# === keepalived manager: a reload that changes a weight; planned stops ============================================
VIP=192.168.10.100
WEB=(web1 web2 web3)
E2E_BUNDLE=$E2E_OUT/bundles/lab-ha
e2e_hosts lan1 lb1 lb2 "${WEB[@]}" client
ip -n client addr add 192.168.10.50/24 dev eth0
e2e_apply lb1 lb2 "${WEB[@]}"
echo_start "${WEB[@]}"
# A connection is synced again every 10 packets instead of 50, so that the back-and-forth below
# need not wait 5 s per stop for the new BACKUP to learn the connections (ip_vs sync_threshold).
for lb in lb1 lb2; do lab_sysctl "$lb" net.ipv4.vs.sync_threshold="3 10"; done
dropin=$E2E_BUNDLE/hosts/lb1/rootfs/etc/systemd/system/keepalived.service.d/lvscc-planned-stop.conf
[[ -f $dropin ]] || e2e_fail "no keepalived.service drop-in in the bundle"
# The drop-in's keepalived flags and its ExecStopPost commands ($$ is systemd's literal $).
# shellcheck disable=SC2016 # a literal $DAEMON_ARGS
dropin_flags=$(sed -n 's|^ExecStart=/usr/sbin/keepalived --dont-fork \(.*\) \$DAEMON_ARGS$|\1|p' "$dropin")
mapfile -t dropin_post < <(sed -n 's/^ExecStopPost=//p' "$dropin" | sed 's/\$\$/$/g')
e2e_expect_eq "the drop-in starts keepalived with" "--dont-release-ipvs" "$dropin_flags"

conf_of() { echo "$run/$1.conf"; }
# Adverts every 3 s instead of 1: under TCG, with other guests on the machine, a 1 s advert can arrive
# late and make the BACKUP take over by itself, which is not what this scenario is about.
conf_copy() { sed 's/^\( *advert_int\) 1$/\1 3/' "$E2E_BUNDLE/hosts/$1/rootfs/etc/keepalived/keepalived.conf" >"$(conf_of "$1")"; }
for lb in lb1 lb2; do conf_copy "$lb"; done
# ka_start NS WITH-DROPIN(0|1)
ka_start() {
	local ns=$1 flags=()
	(($2)) && read -r -a flags <<<"$dropin_flags"
	mkdir -p "$run/$ns"
	ip netns exec "$ns" keepalived -n -l -D -G "${flags[@]}" -f "$(conf_of "$ns")" \
		-p "$run/$ns/keepalived.pid" -r "$run/$ns/vrrp.pid" -c "$run/$ns/checkers.pid" >>"$run/$ns/keepalived.log" 2>&1 &
	echo $! >"$run/$ns/main.pid"
	E2E_EXTRA_PIDS+=($!)
	disown $!
}
# ka_stop NS WITH-DROPIN: SIGTERM (what systemctl stop sends), wait for the exit, then ExecStopPost.
ka_stop() {
	local ns=$1 pid cmd
	pid=$(<"$run/$ns/main.pid")
	kill -TERM "$pid"
	lab_poll 15 eval "! kill -0 $pid 2>/dev/null" || e2e_fail "$ns: keepalived did not exit after SIGTERM"
	if (($2)); then for cmd in "${dropin_post[@]}"; do ip netns exec "$ns" env SERVICE_RESULT=success bash -c "${cmd#-}"; done; fi
}
# grep without -q: with -q, ip gets SIGPIPE and pipefail reports a held VIP as missing.
# weights_are NS "W1 W2 W3": the weights of web1, web2 and web3 in NS's table.
weights_are() { [[ $(ip netns exec "$1" ipvsadm -Ln -t "$VIP:80" 2>/dev/null | awk '$1 == "->" && $2 ~ /^[0-9]/ { print $2, $4 }' | sort | cut -d' ' -f2 | paste -sd' ' -) == "$2" ]]; }
has_table() { weights_are "$1" "1 1 1"; }
other() { if [[ $1 == lb1 ]]; then echo lb2; else echo lb1; fi; }

# planned_stops COUNT WITH-DROPIN TAG: stops the MASTER COUNT times, back and forth, under the load;
# the load's summary goes to $run/summary-TAG.
planned_stops() {
	local count=$1 with=$2 tag=$3 i master backup
	for lb in lb1 lb2; do ka_start "$lb" "$with"; done
	lab_poll 20 e2e_holds lb1 "$VIP" || lab_poll 5 e2e_holds lb2 "$VIP" || e2e_fail "no MASTER after start"
	for lb in lb1 lb2; do lab_poll 15 has_table "$lb" || e2e_fail "$lb: no IPVS table after start"; done
	load_start client "$VIP" "$tag"
	sleep 1
	for ((i = 1; i <= count; i++)); do
		if e2e_holds lb1 "$VIP"; then master=lb1; else master=lb2; fi
		backup=$(other "$master")
		ka_stop "$master" "$with"
		lab_poll 20 e2e_holds "$backup" "$VIP" || e2e_fail "stop $i: $backup did not take the VIP"
		sleep 1
		ka_start "$master" "$with"
		lab_poll 60 has_table "$master" || e2e_fail "stop $i: $master has no IPVS table after its restart"
		# The new BACKUP learns the connections from the new MASTER's sync messages.
		sleep 2
		e2e_phase "planned stop $i of $count: $master stopped, $backup took over, $master back as BACKUP"
	done
	load_end "$tag" >"$run/summary-$tag"
	for lb in lb1 lb2; do ka_stop "$lb" "$with"; done
	for lb in lb1 lb2; do ip netns exec "$lb" ipvsadm -C; done
}

# --- a reload that changes a weight (and the scheduler) --------------------------------------------------
for lb in lb1 lb2; do ka_start "$lb" 1; done
lab_poll 20 e2e_holds lb1 "$VIP" || e2e_fail "lb1 did not become MASTER"
lab_poll 15 has_table lb1 || e2e_fail "lb1: no IPVS table"
load_start client "$VIP" reload
# web1 (192.168.10.11) is the first real_server of the file.
sed -i '0,/weight 1/s//weight 5/; s/lvs_sched rr/lvs_sched wrr/' "$(conf_of lb1)"
ip netns exec lb1 keepalived -t -f "$(conf_of lb1)" || e2e_fail "the edited keepalived.conf does not pass keepalived -t"
kill -HUP "$(<"$run/lb1/main.pid")"
if lab_poll 15 weights_are lb1 "5 1 1"; then e2e_ok "SIGHUP: web1's weight is 5 in lb1's table"; else e2e_fail "SIGHUP did not change web1's weight"; fi
e2e_expect_eq "SIGHUP: the scheduler changed in place" "-A -t $VIP:80 -s wrr" "$(ip netns exec lb1 ipvsadm-save -n | grep '^-A ')"
sleep 2
expect_no_resets "long-lived connections across a keepalived reload (weight and scheduler)" "$(load_end reload)"
for lb in lb1 lb2; do ka_stop "$lb" 1; done
for lb in lb1 lb2; do ip netns exec "$lb" ipvsadm -C; done
conf_copy lb1
e2e_phase "reload done"

# --- planned stops with the drop-in: no reset, every time ------------------------------------------------
planned_stops "$STOPS" 1 fixed
summary=$(<"$run/summary-fixed")
expect_no_resets "$STOPS planned stops of the MASTER with the drop-in" "$summary"
grep '^reset:' "$run/load-fixed.log" | head -n 5 | sed 's/^/  /' || true
e2e_phase "planned stops with the drop-in done"

# --- self-test: the same stops with keepalived's own shutdown order must reset connections -------------
planned_stops "$STOPS" 0 old
summary=$(<"$run/summary-old")
resets=$(resets_of "$summary")
if ((resets > 0)); then
	e2e_ok "self-test: without the drop-in, $STOPS planned stops reset $resets connection(s): $summary"
else
	e2e_fail "self-test: without the drop-in no connection was reset ($summary): the check above proves nothing"
fi
grep '^reset:' "$run/load-old.log" | head -n 5 | sed 's/^/  /' || true
e2e_phase "self-test done"

e2e_end "in-place edit and drain under load; keepalived reload kept connections; $STOPS planned stops, 0 resets with the drop-in, $resets without"
