------------------------------ MODULE Bounded ------------------------------
(***************************************************************************)
(* A counter explored under the state constraint x <= 3.  TLC checks       *)
(* invariants on every new successor, also on one the constraint then      *)
(* keeps out of the state set (tlc2/tool/ModelChecker.java, doNext), so    *)
(* the invariant x <= 3 is reported violated by the state x = 4.           *)
(* Written for exitspec's conformance suite.                               *)
(***************************************************************************)
EXTENDS Naturals

VARIABLE x

Init == x = 0
Next == x' = x + 1

InBounds == x <= 3
Small == x <= 3
=============================================================================
