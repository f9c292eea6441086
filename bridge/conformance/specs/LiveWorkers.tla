---------------------------- MODULE LiveWorkers ----------------------------
(***************************************************************************)
(* Workers that each finish once, next to a heartbeat that never stops.    *)
(* Written for exitspec's liveness conformance cases: fairness quantified  *)
(* over the workers (\A p : WF(Finish(p))) makes every worker finish; weak *)
(* fairness of Next alone does not, since the heartbeat alone satisfies it.*)
(***************************************************************************)
EXTENDS Naturals

CONSTANT Procs

VARIABLES done, beat

vars == <<done, beat>>

Init == /\ done = [p \in Procs |-> FALSE]
        /\ beat = 0

Beat == /\ beat' = 1 - beat
        /\ UNCHANGED done

Finish(p) == /\ ~done[p]
             /\ done' = [done EXCEPT ![p] = TRUE]
             /\ UNCHANGED beat

Next == Beat \/ \E p \in Procs : Finish(p)

FairSpec == Init /\ [][Next]_vars /\ \A p \in Procs : WF_vars(Finish(p))
WeakSpec == Init /\ [][Next]_vars /\ WF_vars(Next)

EachDone == \A p \in Procs : <>(done[p])
=============================================================================
