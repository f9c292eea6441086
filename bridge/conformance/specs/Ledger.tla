------------------------------ MODULE Ledger -------------------------------
(***************************************************************************)
(* Money moves between accounts one unit at a time and the total is        *)
(* conserved.  Written for exitspec's conformance suite to exercise        *)
(* RECURSIVE operators, a higher-order operator argument given as a        *)
(* LAMBDA, and EXCEPT with several nested paths and @.                     *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS Accounts, Max

VARIABLES bal, log

RECURSIVE SumSeq(_)
SumSeq(s) == IF s = << >> THEN 0 ELSE Head(s) + SumSeq(Tail(s))

RECURSIVE SetSum(_, _)
SetSum(S, f(_)) == IF S = {} THEN 0
                   ELSE LET x == CHOOSE y \in S : TRUE
                        IN f(x) + SetSum(S \ {x}, f)

Total == SetSum(Accounts, LAMBDA a : bal[a].amount)

Init == /\ bal = [a \in Accounts |-> [amount |-> 1, ops |-> 0]]
        /\ log = << >>

Transfer(from, to) ==
  /\ from # to
  /\ bal[from].amount > 0
  /\ Len(log) < Max
  /\ bal' = [bal EXCEPT ![from].amount = @ - 1,
                        ![to].amount = @ + 1,
                        ![from].ops = @ + 1]
  /\ log' = Append(log, 1)

Next == \E f, t \in Accounts : Transfer(f, t)

Conserved == Total = Cardinality(Accounts)

LogOK == SumSeq(log) = Len(log)
=============================================================================
