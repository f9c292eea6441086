----------------------------- MODULE LockOrder -----------------------------
(***************************************************************************)
(* Two processes take two locks in opposite orders: the textbook lock-     *)
(* ordering deadlock (each holds its first lock and waits for the other's).*)
(* Written for exitspec's conformance suite.                               *)
(***************************************************************************)
VARIABLES pc, owner

Procs == {"p1", "p2"}
Locks == {"a", "b"}
First(p) == IF p = "p1" THEN "a" ELSE "b"
Second(p) == IF p = "p1" THEN "b" ELSE "a"

Init == /\ pc = [p \in Procs |-> "idle"]
        /\ owner = [l \in Locks |-> "none"]

TakeFirst(p) == /\ pc[p] = "idle"
                /\ owner[First(p)] = "none"
                /\ owner' = [owner EXCEPT ![First(p)] = p]
                /\ pc' = [pc EXCEPT ![p] = "holdsFirst"]

TakeSecond(p) == /\ pc[p] = "holdsFirst"
                 /\ owner[Second(p)] = "none"
                 /\ owner' = [owner EXCEPT ![Second(p)] = p]
                 /\ pc' = [pc EXCEPT ![p] = "cs"]

Release(p) == /\ pc[p] = "cs"
              /\ owner' = [l \in Locks |-> IF owner[l] = p THEN "none" ELSE owner[l]]
              /\ pc' = [pc EXCEPT ![p] = "idle"]

Next == \E p \in Procs : TakeFirst(p) \/ TakeSecond(p) \/ Release(p)

MutualExclusion == ~(pc["p1"] = "cs" /\ pc["p2"] = "cs")
=============================================================================
