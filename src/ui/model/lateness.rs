//! How late each real event came, against its own event in the prediction.

use super::run_view::{LogEntry, RunView};

/// Where each node's entries sit in the prediction's log, so that an entry's counterpart is
/// found without a walk of the log: built once per prediction, then looked up only for the
/// lines in sight, however long the run.
#[derive(Clone, Debug, PartialEq)]
pub struct PredictedEntries {
    by_node: Vec<Vec<usize>>,
}

impl PredictedEntries {
    pub fn new(prediction: &RunView) -> Self {
        let mut by_node = vec![Vec::new(); prediction.lanes.len()];
        for (index, entry) in prediction.log.iter().enumerate() {
            if let Some(entries) = entry.origin.and_then(|origin| by_node.get_mut(origin.node)) {
                entries.push(index);
            }
        }
        PredictedEntries { by_node }
    }

    /// How late `entry` of a real run came, in milliseconds, against its counterpart in
    /// `prediction`: the entry of the same node telling the same (the same kind of event,
    /// with the same outcome or caller), the same number of times before. Never another
    /// node's entry, nor one of another kind, however close their times; none when the
    /// prediction has no such entry (a cancel() by hand, an outcome it changed).
    pub fn lateness(&self, entry: &LogEntry, prediction: &RunView) -> Option<f64> {
        let origin = entry.origin?;
        let predicted = self
            .by_node
            .get(origin.node)?
            .iter()
            .filter_map(|index| prediction.log.get(*index))
            .filter(|predicted| predicted.text == entry.text)
            .nth(origin.occurrence)?;
        Some(entry.at_ms - predicted.at_ms)
    }
}

#[cfg(test)]
#[path = "lateness_tests.rs"]
mod tests;
