---------------------------- MODULE AssertFail -----------------------------
(***************************************************************************)
(* An action that calls TLC's Assert, which fails in the third step: TLC   *)
(* reports "The first argument of Assert evaluated to FALSE" with the      *)
(* behaviour up to the failing step (exit code 14).  Written for exitspec. *)
(***************************************************************************)
EXTENDS Naturals, TLC

VARIABLE x
Init == x = 0
Next == /\ Assert(x < 3, "x must stay below 3")
        /\ x' = x + 1
=============================================================================
