"""Staff pages of the task ledger (重点任务台账, /work/ledger/): the year's key tasks on the wall
with their figures and the leading group, the form that puts a task on the ledger, a task's page
where its steps are taken, and the leading group of a year. Every write goes through actions.py.
The legal affairs division and the leadership keep the ledger and see all of it; a division
sees and reports on the tasks it owns. A step the person may never take on the task answers
404; one the task's state does not allow, or that breaks a rule, is refused by the action with
the rule, and the page is shown again with the input kept and the reason next to the field."""

from fazhi.ledger.views.board import board, group
from fazhi.ledger.views.items import create, detail, item_action

__all__ = ["board", "create", "detail", "group", "item_action"]
