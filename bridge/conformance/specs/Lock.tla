-------------------------------- MODULE Lock --------------------------------
(***************************************************************************)
(* An abstract lock for two processes (the TLA+ translation of a PlusCal   *)
(* algorithm: l0 non-critical, l1 acquire, cs, l2 release).  After Jarod   *)
(* Differdange's Lock.tla in tlaplus/Examples                              *)
(* (specifications/locks_auxiliary_vars), rewritten for exitspec without   *)
(* the TLAPS proofs.  Peterson refines it through INSTANCE.                *)
(***************************************************************************)
EXTENDS Integers

VARIABLES pc, lock

vars == <<pc, lock>>

ProcSet == 1..2

Init == /\ lock = 1
        /\ pc = [self \in ProcSet |-> "l0"]

l0(self) == /\ pc[self] = "l0"
            /\ pc' = [pc EXCEPT ![self] = "l1"]
            /\ lock' = lock

l1(self) == /\ pc[self] = "l1"
            /\ lock = 1
            /\ lock' = 0
            /\ pc' = [pc EXCEPT ![self] = "cs"]

cs(self) == /\ pc[self] = "cs"
            /\ pc' = [pc EXCEPT ![self] = "l2"]
            /\ lock' = lock

l2(self) == /\ pc[self] = "l2"
            /\ lock' = 1
            /\ pc' = [pc EXCEPT ![self] = "l0"]

proc(self) == l0(self) \/ l1(self) \/ cs(self) \/ l2(self)

Next == \E self \in ProcSet : proc(self)

Spec == Init /\ [][Next]_vars

TypeOK == /\ lock \in {0, 1}
          /\ pc \in [ProcSet -> {"l0", "l1", "cs", "l2"}]

lockcs(i) == pc[i] \in {"cs", "l2"}

LockInv == /\ \A i, j \in ProcSet : (i # j) => ~(lockcs(i) /\ lockcs(j))
           /\ (\E p \in ProcSet : lockcs(p)) => lock = 0
=============================================================================
