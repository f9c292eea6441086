------------------------------ MODULE DeepBug ------------------------------
(***************************************************************************)
(* Two bounded counters; the invariant Safe (x + y < 7) first fails seven  *)
(* steps from the initial state, so the shortest counterexample has 8      *)
(* states.  Written for exitspec's conformance suite.                      *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES x, y

Init == x = 0 /\ y = 0

IncX == x < 4 /\ x' = x + 1 /\ UNCHANGED y
IncY == y < 4 /\ y' = y + 1 /\ UNCHANGED x
Reset == x = 4 /\ y = 4 /\ x' = 0 /\ y' = 0

Next == IncX \/ IncY \/ Reset

Safe == x + y < 7
=============================================================================
