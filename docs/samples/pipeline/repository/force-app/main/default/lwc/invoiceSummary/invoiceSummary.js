import { LightningElement, api } from 'lwc';
import overdueLabel from '@salesforce/label/c.Invoice_Overdue';

export default class InvoiceSummary extends LightningElement {
    @api recordId;
    openCount = 0;
    overdueCount = 0;
    label = { title: 'Invoices', overdue: overdueLabel };
}
