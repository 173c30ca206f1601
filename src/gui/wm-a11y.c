/* wm-a11y.c
 *
 * Copyright 2026 The Waymark developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "wm-a11y.h"

static void
name_button (GtkButton *button)
{
  GtkWidget *label = gtk_button_get_child (button);

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (label)), -1);
}

/**
 * wm_a11y_name_mnemonic_buttons:
 * @root: the top of the widgets to go through
 *
 * GTK 4.8 gives a button with a mnemonic ("_Import") the accessible name
 * "_Import Import": its raw label, underscore included, then the text of
 * the label inside it, and a screen reader reads both. This names every
 * such button under @root once, by the text it shows. Call it once the
 * buttons' labels are set; a label set later is not followed.
 */
void
wm_a11y_name_mnemonic_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root))
      && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (root))))
    name_button (GTK_BUTTON (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    wm_a11y_name_mnemonic_buttons (child);
}
