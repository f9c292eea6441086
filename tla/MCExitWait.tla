----------------------------- MODULE MCExitWait -----------------------------
(* A small world for the abstract spec: init (pid 1) and two more pids     *)
(* that can be forked, two exit statuses.                                  *)
EXTENDS ExitWait

MCProcs == {1, 2, 3}
MCParent0 == [p \in MCProcs |-> 0]
MCReaper0 == [p \in MCProcs |-> 1]
MCSigchld0 == [p \in MCProcs |-> "default"]

(* Reachability witnesses (anti-vacuity, tla/models.test.ts): invariants  *)
(* the spec must VIOLATE.                                                  *)
NeverReaped == \A p \in Procs : pstate[p] # "reaped"
NeverContinued == \A p \in Procs : ~continued[p]
=============================================================================
