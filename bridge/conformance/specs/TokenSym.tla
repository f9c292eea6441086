------------------------------ MODULE TokenSym -----------------------------
(***************************************************************************)
(* Identical processes compete for one lock.  The processes are model      *)
(* values and interchangeable, so the model declares SYMMETRY over         *)
(* Permutations(Procs).  Written for exitspec's conformance suite.         *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, TLC

CONSTANT Procs

VARIABLES st, lock

Init == /\ st = [p \in Procs |-> "idle"]
        /\ lock = {}

Request(p) == /\ st[p] = "idle"
              /\ st' = [st EXCEPT ![p] = "waiting"]
              /\ UNCHANGED lock

Enter(p) == /\ st[p] = "waiting"
            /\ lock = {}
            /\ lock' = {p}
            /\ st' = [st EXCEPT ![p] = "cs"]

Exit(p) == /\ st[p] = "cs"
           /\ lock' = {}
           /\ st' = [st EXCEPT ![p] = "idle"]

Next == \E p \in Procs : Request(p) \/ Enter(p) \/ Exit(p)

MutualExclusion == Cardinality({p \in Procs : st[p] = "cs"}) <= 1

Perms == Permutations(Procs)
=============================================================================
